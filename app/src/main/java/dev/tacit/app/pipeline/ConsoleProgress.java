package dev.tacit.app.pipeline;

import dev.tacit.api.Metrics;
import dev.tacit.api.TrainingEvent;
import dev.tacit.study.RatingExperiment;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a run's progress on standard error. On a terminal: one line redrawn in place, with a bar, the percentage,
 * the step rate, the estimated time left and the latest loss, test RMSE and effective rank. Elsewhere (a file, a
 * pipe, CI logs): one plain line per evaluation, which reads well in a log.
 *
 * <p>A run on rating data (its start event names {@code steps_per_epoch}: the MovieLens command's λ candidates, say)
 * is shown as one line per evaluation with its candidate's label, epoch or step, loss and train, validation and
 * test RMSE (a dash where a metric is not computed), and one line when it finishes with the reason.
 *
 * <p>A {@link Delivery#LOSSY} observer: a console that cannot keep up misses a redraw, never slows training.
 */
public final class ConsoleProgress implements Observer {

    /** Least training time between two redraws of the bar, in seconds. */
    static final double REDRAW_SECONDS = 0.1;
    private static final int BAR_WIDTH = 24;
    private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";

    private final PrintWriter err;
    private final boolean terminal;
    private long planned;
    private long firstIteration;
    private double lastStepSeconds = Double.NaN;
    private double lastDraw = Double.NEGATIVE_INFINITY;
    private Metrics latest;
    private boolean barShown;
    /** Set for a run on rating data: its label, and steps per epoch (0 for a run that counts steps). */
    private String ratingLabel;
    private long stepsPerEpoch;

    /**
     * @param err      where to write (standard error)
     * @param terminal whether it is a terminal (redraw a bar) or not (plain lines)
     */
    public ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** @return whether standard error is taken to be a terminal: the JVM has a console */
    public static boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public Delivery delivery() {
        return Delivery.LOSSY;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.RunStarted s) {
            planned = s.iterations();
            firstIteration = s.iteration();
            startRatingRun(s.configuration());
        } else if (ratingLabel != null) {
            ratingLine(event);
        } else if (event instanceof TrainingEvent.StepStatistics s) {
            lastStepSeconds = s.stepSeconds();
            if (terminal && s.seconds() - lastDraw >= REDRAW_SECONDS) {
                drawBar(s.iteration(), s.seconds());
            }
        } else if (event instanceof TrainingEvent.Evaluated e) {
            latest = e.metrics();
            if (terminal) {
                drawBar(e.iteration(), e.seconds());
            } else {
                err.println(line(e));
            }
        } else if (event instanceof TrainingEvent.RunFinished f) {
            latest = f.metrics();
            if (terminal) {
                drawBar(f.iteration(), f.seconds());
                endBar();
            }
        } else if (event instanceof TrainingEvent.RunFailed) {
            endBar();
        }
    }

    @Override
    public void close() {
        endBar();
        err.flush();
    }

    private void startRatingRun(Map<String, String> c) {
        String perEpoch = c.get(RatingExperiment.STEPS_PER_EPOCH);
        if (perEpoch == null) {
            ratingLabel = null;
            return;
        }
        boolean embedding = "embedding".equals(c.get("model"));
        stepsPerEpoch = embedding ? Math.max(1, Long.parseLong(perEpoch)) : 0;
        String penalty = c.getOrDefault("penalty", "none");
        ratingLabel = c.get("model") + " " + c.get("optimizer") + " " + (penalty.equals("none") ? "none"
                : penalty + (embedding ? " λ_u " + c.get("lambda_user") + " λ_i " + c.get("lambda_item")
                : " λ " + c.get("lambda_user")));
    }

    private void ratingLine(TrainingEvent event) {
        if (event instanceof TrainingEvent.Evaluated e) {
            Metrics m = e.metrics();
            String at = stepsPerEpoch > 0 ? String.format(Locale.ROOT, "epoch %d/%d", e.iteration() / stepsPerEpoch,
                    planned / stepsPerEpoch) : String.format(Locale.ROOT, "step %d/%d", e.iteration(), planned);
            err.println(String.format(Locale.ROOT, "[%s] %s  loss %.4f  train %.4f  valid %s  test %s  %.1fs",
                    ratingLabel, at, m.loss(), m.trainRmse(), orDash(m.validationRmse()), orDash(m.testRmse()),
                    e.seconds()));
        } else if (event instanceof TrainingEvent.RunFinished f) {
            err.println("[" + ratingLabel + "] finished at " + (stepsPerEpoch > 0 ? "epoch " + f.iteration()
                    / stepsPerEpoch : "step " + f.iteration()) + " (" + f.reason().label() + ")");
        } else if (event instanceof TrainingEvent.RunFailed f) {
            err.println("[" + ratingLabel + "] failed at step " + f.iteration() + ": " + f.message());
        }
        err.flush();
    }

    private static String orDash(double v) {
        return Double.isNaN(v) ? "  -   " : String.format(Locale.ROOT, "%.4f", v);
    }

    private void endBar() {
        if (barShown) {
            err.println();
            barShown = false;
        }
        err.flush();
    }

    private void drawBar(long iteration, double seconds) {
        lastDraw = seconds;
        double fraction = planned <= firstIteration ? 1.0
                : Math.min(1.0, (double) (iteration - firstIteration) / (planned - firstIteration));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        StringBuilder sb = new StringBuilder("\r[");
        sb.append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append(']');
        sb.append(String.format(Locale.ROOT, " %3.0f%%  %d/%d  %s it/s  ETA %s", 100 * fraction, iteration, planned,
                rate(), duration(perIteration(iteration, seconds) * (planned - iteration))));
        if (latest != null) {
            sb.append(String.format(Locale.ROOT, "  loss %.3e  test %.3e  erank %.2f", latest.loss(),
                    latest.testRmse(), latest.effectiveRank()));
        }
        sb.append(CLEAR_TO_END_OF_LINE);
        err.print(sb);
        err.flush();
        barShown = true;
    }

    private String rate() {
        return lastStepSeconds > 0 ? String.format(Locale.ROOT, "%.0f", 1 / lastStepSeconds) : "?";
    }

    private double perIteration(long iteration, double seconds) {
        long done = iteration - firstIteration;
        return done > 0 ? seconds / done : lastStepSeconds;
    }

    private String line(TrainingEvent.Evaluated e) {
        Metrics m = e.metrics();
        double perIteration = perIteration(e.iteration(), e.seconds());
        double eta = perIteration * (planned - e.iteration());
        int width = Long.toString(planned).length();
        return String.format(Locale.ROOT, "[%" + width + "d/%d %3.0f%%] loss %.3e  train %.3e  test %.3e  erank %6.2f"
                        + "  %.3f ms/it  ETA %s",
                e.iteration(), planned, planned == 0 ? 100.0 : 100.0 * e.iteration() / planned, m.loss(),
                m.trainRmse(), m.testRmse(), m.effectiveRank(), perIteration * 1e3, duration(eta));
    }

    /**
     * @param seconds a duration
     * @return it rounded for a person: {@code 42s} or {@code 3m07s}; {@code ?} if unknown
     */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
