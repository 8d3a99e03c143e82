package dev.tacit.study;

import dev.tacit.optim.models.ModelKind;
import java.util.List;
import java.util.Locale;

/**
 * The study's MovieLens-100K table (test RMSE of the depth-1 network and of the user-item embedding under gradient
 * descent and Adam, with and without the ratio penalty, on random 90:10 and 80:20 splits) and the aggregation of a
 * reproduction of it over seeds, as Markdown and CSV beside the published numbers.
 */
public final class StudyTable {

    private StudyTable() {
    }

    /**
     * One row of the table.
     *
     * @param number     1 to 8, in the published order
     * @param model      the network or the embedding
     * @param optimizer  {@code gd} or {@code adam}
     * @param penalised  whether the ratio penalty is on
     * @param published9 the study's test RMSE on 90:10
     * @param published8 the study's test RMSE on 80:20
     */
    public record Row(int number, ModelKind model, String optimizer, boolean penalised, double published9,
                      double published8) {

        /** @return the row's title, for example {@code depth-1 network, Adam + penalty} */
        public String title() {
            return (model == ModelKind.LNN ? "depth-1 network" : "user-item embedding") + ", "
                    + (optimizer.equals("gd") ? "GD" : "Adam") + (penalised ? " + penalty" : "");
        }

        /** @return the penalty of the row: {@code ratio} or {@code none} */
        public String penalty() {
            return penalised ? "ratio" : "none";
        }
    }

    /** The published table, in order. */
    public static final List<Row> ROWS = List.of(
            new Row(1, ModelKind.LNN, "gd", false, 2.814, 2.797),
            new Row(2, ModelKind.LNN, "gd", true, 2.808, 2.821),
            new Row(3, ModelKind.LNN, "adam", false, 1.844, 1.822),
            new Row(4, ModelKind.LNN, "adam", true, 0.915, 0.921),
            new Row(5, ModelKind.EMBEDDING, "gd", false, 2.453, 2.532),
            new Row(6, ModelKind.EMBEDDING, "gd", true, 2.535, 2.519),
            new Row(7, ModelKind.EMBEDDING, "adam", false, 1.282, 1.348),
            new Row(8, ModelKind.EMBEDDING, "adam", true, 0.906, 0.919));

    /**
     * The runs of one row.
     *
     * @param row      the row
     * @param rmse     test RMSE per seed
     * @param seconds  wall time per seed
     * @param selected selected epoch (embedding) or step (network) per seed
     */
    public record Result(Row row, List<Double> rmse, List<Double> seconds, List<Double> selected) {

        /** Copies the lists. */
        public Result {
            rmse = List.copyOf(rmse);
            seconds = List.copyOf(seconds);
            selected = List.copyOf(selected);
        }

        /**
         * @param xs values
         * @return their mean, NaN for none
         */
        public static double mean(List<Double> xs) {
            return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /**
         * @param xs values
         * @return the sample standard deviation (n − 1), 0 for a single value
         */
        public static double std(List<Double> xs) {
            if (xs.size() < 2) {
                return 0;
            }
            double m = mean(xs);
            double s = 0;
            for (double x : xs) {
                s += (x - m) * (x - m);
            }
            return Math.sqrt(s / (xs.size() - 1));
        }

        /**
         * @param column {@code 90:10}, {@code 80:20}, or anything else for a split the study did not use
         * @return the published test RMSE of the row on that split, NaN if none
         */
        public double published(String column) {
            return column.equals("90:10") ? row.published9() : column.equals("80:20") ? row.published8() : Double.NaN;
        }
    }

    /**
     * @param results the rows run
     * @param column  the published column they compare with ({@code 90:10}, {@code 80:20} or empty)
     * @param header  a comment line describing the runs
     * @return the table as Markdown
     */
    public static String markdown(List<Result> results, String column, String header) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- ").append(header).append(" -->\n");
        sb.append("| # | model / optimizer | published").append(column.isEmpty() ? "" : " (" + column + ")")
                .append(" | Tacit test RMSE (mean ± std) | per seed | selected epoch / step | seconds per run |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %.3f ± %.3f | %s | %s | %.1f |%n", r.row().number(),
                    r.row().title(), Double.isNaN(r.published(column)) ? "–"
                            : String.format(Locale.ROOT, "%.3f", r.published(column)),
                    Result.mean(r.rmse()), Result.std(r.rmse()), join(r.rmse(), "%.3f"), join(r.selected(), "%.4g"),
                    Result.mean(r.seconds())));
        }
        return sb.toString();
    }

    /**
     * @param results the rows run
     * @param column  the published column they compare with
     * @return the table as CSV with a header
     */
    public static String csv(List<Result> results, String column) {
        StringBuilder sb = new StringBuilder("row,model,optimizer,penalty,published,mean_test_rmse,std_test_rmse,"
                + "seeds,test_rmse_per_seed,selected_per_seed,mean_seconds\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.5f,%.5f,%d,%s,%s,%.2f%n", r.row().number(),
                    r.row().model().label(), r.row().optimizer(), r.row().penalty(),
                    Double.isNaN(r.published(column)) ? "" : String.format(Locale.ROOT, "%.3f", r.published(column)),
                    Result.mean(r.rmse()), Result.std(r.rmse()), r.rmse().size(),
                    join(r.rmse(), "%.5f").replace(", ", ";"), join(r.selected(), "%.4g").replace(", ", ";"),
                    Result.mean(r.seconds())));
        }
        return sb.toString();
    }

    private static String join(List<Double> xs, String format) {
        return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, format, x)).toList());
    }
}
