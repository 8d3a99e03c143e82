package dev.tacit.spark;

import dev.tacit.api.UsageException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a {@code tacit-spark} command. */
final class Sessions {

    private Sessions() {
    }

    /**
     * Starts (or, under {@code spark-submit}, joins) the Spark session.
     *
     * @param master  {@code --master}; without it the master {@code spark-submit} configured
     * @param appName the application's name in Spark's UI
     * @return the session; the caller stops it
     * @throws UsageException if no master is given either way
     */
    static SparkSession start(Optional<String> master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        master.ifPresent(conf::setMaster);
        if (!conf.contains("spark.master")) {
            throw new UsageException("--master is required (local[2], spark://HOST:PORT, yarn, k8s://URL), unless "
                    + "the command runs under spark-submit, which sets it");
        }
        // Started by the tacit-spark launcher rather than spark-submit, nothing tells the executors where Tacit's
        // classes are: ship the jar this class came from, as spark-submit ships its application jar.
        ownJar().ifPresent(jar -> conf.setIfMissing("spark.jars", jar));
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** @return the jar holding Tacit's classes, when they come from one (not in the build's own tests) */
    private static Optional<String> ownJar() {
        CodeSource source = Sessions.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location.toString()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
