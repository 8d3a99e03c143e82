package dev.tacit.study.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Mean and sample standard deviation over seeds of each series at each point of the x axis. A series is a method
 * label plus whichever other grid axes vary in the results (depth or λ when they are not on the x axis).
 *
 * @param xAxis  the axis on x
 * @param points one row per (series, x), ordered by series then x
 */
public record Summary(String xAxis, List<Point> points) {

    /**
     * One aggregated point.
     *
     * @param series        the series name
     * @param x             the x value
     * @param runs          completed runs aggregated
     * @param failed        runs that failed (not aggregated)
     * @param testRmse      mean and std of the test RMSE
     * @param trainRmse     mean and std of the train RMSE
     * @param effectiveRank mean and std of the effective rank
     * @param targetRank    mean effective rank of the truth
     * @param seconds       mean and std of the wall time
     */
    public record Point(String series, double x, int runs, int failed, Stat testRmse, Stat trainRmse,
                       Stat effectiveRank, double targetRank, Stat seconds) {
    }

    /**
     * @param mean mean
     * @param std  sample standard deviation (0 for a single value, NaN for none)
     */
    public record Stat(double mean, double std) {
        static Stat of(List<Double> values) {
            if (values.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN);
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0);
        }

        /** @return "mean ± std" in a compact form */
        public String format() {
            return Double.isNaN(mean) ? "–" : String.format(Locale.ROOT, "%.4g ± %.2g", mean, std);
        }
    }

    /**
     * @param results the finished runs
     * @param xAxis   the axis on x
     * @return the summary
     */
    public static Summary of(List<RunResult> results, String xAxis) {
        boolean depthVaries = results.stream().filter(r -> "lnn".equals(r.method())).mapToInt(RunResult::depth)
                .distinct().count() > 1;
        boolean lambdaVaries = results.stream().filter(r -> r.lambda() > 0).mapToDouble(RunResult::lambda)
                .distinct().count() > 1;
        Map<String, Map<Double, List<RunResult>>> groups = new TreeMap<>();
        for (RunResult r : results) {
            StringBuilder series = new StringBuilder(r.label());
            if (depthVaries && !xAxis.equals("depth") && "lnn".equals(r.method()) && !r.label().contains(":")) {
                series.append(" depth ").append(r.depth());
            }
            if (lambdaVaries && !xAxis.equals("lambda") && r.lambda() > 0) {
                series.append(" λ=").append(RunSpec.compact(r.lambda()));
            }
            groups.computeIfAbsent(series.toString(), s -> new TreeMap<>())
                    .computeIfAbsent(x(r, xAxis), x -> new ArrayList<>()).add(r);
        }
        List<Point> points = new ArrayList<>();
        groups.forEach((series, byX) -> byX.forEach((x, runs) -> {
            List<RunResult> ok = runs.stream().filter(RunResult::ok).toList();
            points.add(new Point(series, x, ok.size(), runs.size() - ok.size(), stat(ok, RunResult::testRmse),
                    stat(ok, RunResult::trainRmse), stat(ok, RunResult::effectiveRank),
                    runs.stream().mapToDouble(RunResult::targetEffectiveRank).average().orElse(Double.NaN),
                    stat(ok, RunResult::seconds)));
        }));
        points.sort(Comparator.comparing(Point::series).thenComparingDouble(Point::x));
        return new Summary(xAxis, points);
    }

    private static Stat stat(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return Stat.of(runs.stream().map(r -> f.applyAsDouble(r)).filter(Double::isFinite).toList());
    }

    static double x(RunResult r, String axis) {
        return switch (axis) {
            case "observed" -> r.observed();
            case "depth" -> r.depth();
            case "rank" -> r.rank();
            case "size" -> r.size();
            case "lambda" -> r.lambda();
            default -> throw new IllegalArgumentException("unknown axis " + axis);
        };
    }

    /** @return the series in order, each with its points */
    public Map<String, List<Point>> bySeries() {
        Map<String, List<Point>> m = new LinkedHashMap<>();
        points.forEach(p -> m.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p));
        return m;
    }
}
