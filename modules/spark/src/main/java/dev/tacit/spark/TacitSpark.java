package dev.tacit.spark;

import dev.tacit.api.UsageException;
import dev.tacit.data.format.FileFormatException;
import dev.tacit.data.movielens.MalformedFileException;
import dev.tacit.study.experiment.ExperimentFile;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code tacit-spark} (and the main class of the jar given to {@code spark-submit}). Exit codes as
 * {@code tacit}'s: 0 success, 1 failure, 2 bad usage or bad input; this is the one place exceptions become them.
 */
public final class TacitSpark {

    static final String HELP = """
            Usage: tacit-spark COMMAND [OPTIONS]   (each command's --help has its options)

              experiment PRESET|FILE ... --master URL --out DIR
                        an experiment's runs as Spark tasks, with the run files of 'tacit experiment'
              als       Spark MLlib's ALS on MovieLens or a ratings file, scored like 'tacit fit --json'
              embedding the embedding model trained data-parallel on Spark, full batch

            Build: mvn -B -Pspark package -DskipTests; submit to a cluster: spark-submit target/tacit-spark.jar ...
            """;

    private TacitSpark() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs a command in this JVM (used by tests).
     *
     * @param args the command and its options
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).print(HELP);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "experiment" -> SweepCommand.run(rest, out, err);
                case "als" -> AlsCommand.run(rest, out, err);
                case "embedding" -> EmbeddingCommand.run(rest, out, err);
                default -> throw new UsageException("unknown command '" + args.get(0) + "'; one of: experiment, als, "
                        + "embedding");
            };
        } catch (UsageException | FileFormatException | MalformedFileException | ExperimentFile.ParseException e) {
            err.println("tacit-spark: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tacit-spark: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("tacit-spark: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }
}
