package dev.tacit.app.report;

import dev.tacit.data.io.AtomicFiles;
import dev.tacit.study.experiment.RunResult;
import dev.tacit.study.experiment.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes everything an experiment's results produce into its directory, each file atomically: {@code runs.csv}
 * (every run), {@code summary.csv} and {@code summary.md} (mean ± std per series and x), charts of the test RMSE and
 * the effective rank ({@code test_rmse.png/.svg}, {@code effective_rank.png/.svg}) and {@code report.md} embedding
 * them.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * @param dir     the experiment's directory
     * @param title   the experiment's name
     * @param command the command that produced the results, quoted in the report
     * @param results the finished runs
     * @param xAxis   the axis on x
     * @return the summary written
     * @throws IOException if a file cannot be written
     */
    public static Summary write(Path dir, String title, String command, List<RunResult> results, String xAxis)
            throws IOException {
        Summary summary = Summary.of(results, xAxis);
        AtomicFiles.writeString(dir.resolve("runs.csv"), runsCsv(results));
        AtomicFiles.writeString(dir.resolve("summary.csv"), summaryCsv(summary));
        String table = summaryMarkdown(summary);
        AtomicFiles.writeString(dir.resolve("summary.md"), table);
        double target = results.stream().mapToDouble(RunResult::targetEffectiveRank).filter(Double::isFinite)
                .average().orElse(Double.NaN);
        Charts.draw(summary, Summary.Point::testRmse, title + ": generalisation error", "test RMSE", true,
                Double.NaN, dir.resolve("test_rmse"));
        // Log scale: methods that fail sit near 70, the interesting values near the truth's 5.
        Charts.draw(summary, Summary.Point::effectiveRank, title + ": effective rank", "effective rank", true,
                target, dir.resolve("effective_rank"));
        long failed = results.stream().filter(r -> !r.ok()).count();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Produced by `").append(command).append("` from ").append(results.size()).append(" runs");
        md.append(failed > 0 ? " (" + failed + " failed, listed below)" : "").append(".\n\n");
        md.append("![test RMSE](test_rmse.png)\n\n![effective rank](effective_rank.png)\n\n");
        md.append("Mean ± standard deviation over seeds:\n\n").append(table);
        if (failed > 0) {
            md.append("\n## Failed runs\n\n| id | run | status |\n|---|---|---|\n");
            results.stream().filter(r -> !r.ok()).forEach(r -> md.append("| ").append(r.id()).append(" | ")
                    .append(r.label()).append(", ").append(r.observed()).append(" observed, seed ").append(r.seed())
                    .append(" | ").append(r.status().replace('|', '/')).append(" |\n"));
        }
        AtomicFiles.writeString(dir.resolve("report.md"), md.toString());
        return summary;
    }

    static String runsCsv(List<RunResult> results) {
        StringBuilder sb = new StringBuilder(String.join(",", RunResult.COLUMNS)).append('\n');
        for (RunResult r : results) {
            Map<String, Object> m = r.toMap();
            boolean first = true;
            for (String c : RunResult.COLUMNS) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(csv(m.get(c)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String summaryCsv(Summary s) {
        StringBuilder sb = new StringBuilder("series," + s.xAxis() + ",runs,failed,test_rmse_mean,test_rmse_std,"
                + "train_rmse_mean,train_rmse_std,effective_rank_mean,effective_rank_std,target_effective_rank,"
                + "seconds_mean,seconds_std\n");
        for (Summary.Point p : s.points()) {
            sb.append(csv(p.series())).append(',').append(num(p.x())).append(',').append(p.runs()).append(',')
                    .append(p.failed()).append(',').append(num(p.testRmse().mean())).append(',')
                    .append(num(p.testRmse().std())).append(',').append(num(p.trainRmse().mean())).append(',')
                    .append(num(p.trainRmse().std())).append(',').append(num(p.effectiveRank().mean())).append(',')
                    .append(num(p.effectiveRank().std())).append(',').append(num(p.targetRank())).append(',')
                    .append(num(p.seconds().mean())).append(',').append(num(p.seconds().std())).append('\n');
        }
        return sb.toString();
    }

    private static String summaryMarkdown(Summary s) {
        StringBuilder sb = new StringBuilder("| series | " + s.xAxis()
                + " | runs | test RMSE | effective rank | seconds |\n|---|---|---|---|---|---|\n");
        for (Summary.Point p : s.points()) {
            sb.append("| ").append(p.series()).append(" | ").append(num(p.x())).append(" | ").append(p.runs())
                    .append(p.failed() > 0 ? " (+" + p.failed() + " failed)" : "").append(" | ")
                    .append(p.testRmse().format()).append(" | ").append(p.effectiveRank().format()).append(" | ")
                    .append(p.runs() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", p.seconds().mean())).append(" |\n");
        }
        return sb.toString();
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String csv(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return num(d);
        }
        String s = v.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
