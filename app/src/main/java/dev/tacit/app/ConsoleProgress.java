package dev.tacit.app;

import dev.tacit.api.Metrics;
import dev.tacit.api.TrainingEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints a line per evaluation to standard error: iteration, loss, train and test RMSE, effective rank, time per
 * iteration and the estimated time left; and the failure message if the run fails.
 */
final class ConsoleProgress implements Consumer<TrainingEvent> {

    private final PrintWriter err;
    private final boolean quiet;
    private long planned;
    private long firstIteration;
    private double lastStepSeconds = Double.NaN;

    ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void accept(TrainingEvent event) {
        if (quiet) {
            return;
        }
        if (event instanceof TrainingEvent.RunStarted s) {
            planned = s.iterations();
            firstIteration = s.iteration();
        } else if (event instanceof TrainingEvent.StepStatistics s) {
            lastStepSeconds = s.stepSeconds();
        } else if (event instanceof TrainingEvent.Evaluated e) {
            err.println(line(e));
        }
    }

    private String line(TrainingEvent.Evaluated e) {
        Metrics m = e.metrics();
        long done = e.iteration() - firstIteration;
        double perIteration = done > 0 ? e.seconds() / done : lastStepSeconds;
        double eta = perIteration * (planned - e.iteration());
        int width = Long.toString(planned).length();
        return String.format(Locale.ROOT, "[%" + width + "d/%d %3.0f%%] loss %.3e  train %.3e  test %.3e  erank %6.2f"
                        + "  %.3f ms/it  ETA %s",
                e.iteration(), planned, planned == 0 ? 100.0 : 100.0 * e.iteration() / planned, m.loss(),
                m.trainRmse(), m.testRmse(), m.effectiveRank(), perIteration * 1e3, duration(eta));
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
