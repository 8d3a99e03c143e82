package dev.tacit.app.pipeline;

import dev.tacit.api.Metrics;
import dev.tacit.api.TrainingEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Shows the progress of a sweep of runs (an experiment) on standard error: one line as each run ends, with its
 * description, its test RMSE and effective rank (or why it failed), its time and the estimated time left for the
 * sweep. Runs are told apart by the names of their channels ({@link EventPipeline#channel}).
 *
 * <p>{@link Delivery#LOSSLESS}: every run's end is shown, whatever the rate of the other events.
 */
public final class SweepProgress implements Observer {

    private final PrintWriter err;
    private final Map<String, String> descriptions;
    private final int total;
    private final long started = System.nanoTime();
    private int finished;

    /**
     * @param err          where to write (standard error)
     * @param descriptions what each run is, by run name, for its line
     * @param total        how many runs this invocation executes
     */
    public SweepProgress(PrintWriter err, Map<String, String> descriptions, int total) {
        this.err = err;
        this.descriptions = Map.copyOf(descriptions);
        this.total = total;
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public Delivery delivery() {
        return Delivery.LOSSLESS;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        // Only the events of named runs count; a sweep publishes no others.
    }

    @Override
    public void onEvent(String run, TrainingEvent event) {
        String outcome;
        if (event instanceof TrainingEvent.RunFinished f) {
            Metrics m = f.metrics();
            outcome = String.format(Locale.ROOT, "test RMSE %.3e, erank %.2f", m.testRmse(), m.effectiveRank());
        } else if (event instanceof TrainingEvent.RunFailed f) {
            outcome = f.message();
        } else {
            return;
        }
        finished++;
        double elapsed = (System.nanoTime() - started) / 1e9;
        double eta = elapsed / finished * (total - finished);
        err.printf(Locale.ROOT, "[%d/%d] %s: %s  (%.1f s, ETA %s)%n", finished, total,
                descriptions.getOrDefault(run, run), outcome, event.seconds(), eta(eta));
        err.flush();
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        long h = TimeUnit.SECONDS.toHours(s);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", h, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
