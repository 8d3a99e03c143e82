package dev.tacit.spark;

import dev.tacit.api.UsageException;
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
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
