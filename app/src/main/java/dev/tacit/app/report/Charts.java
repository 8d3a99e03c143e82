package dev.tacit.app.report;

import dev.tacit.data.io.AtomicFiles;
import dev.tacit.study.experiment.Summary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a metric against the x axis, one line per series with a band of ± one standard deviation over seeds, with
 * JFreeChart, and writes it as PNG and SVG.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    /** Colour-blind-safe palette (Okabe and Ito). */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
        new Color(240, 228, 66)};

    private Charts() {
    }

    /**
     * @param summary    the aggregated points
     * @param metric     which statistic to plot
     * @param title      chart title
     * @param yLabel     y axis label
     * @param logY       logarithmic y axis
     * @param horizontal a reference line (NaN for none), for example the truth's effective rank
     * @param base       output path without extension; .png and .svg are written
     * @throws IOException if a file cannot be written
     */
    static void draw(Summary summary, Function<Summary.Point, Summary.Stat> metric, String title, String yLabel,
                     boolean logY, double horizontal, Path base) throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<Summary.Point>> e : summary.bySeries().entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey());
            for (Summary.Point p : e.getValue()) {
                Summary.Stat st = metric.apply(p);
                if (Double.isFinite(st.mean()) && (!logY || st.mean() > 0)) {
                    double lo = st.mean() - st.std();
                    // A band below zero cannot be drawn on a log axis: clip it at a tenth of the mean.
                    if (logY && lo <= 0) {
                        lo = st.mean() / 10;
                    }
                    s.add(p.x(), st.mean(), lo, st.mean() + st.std());
                }
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis(axisLabel(summary.xAxis()));
        x.setAutoRangeIncludesZero(false);
        if (!summary.xAxis().equals("lambda")) {
            // Depths, sizes, ranks and counts are whole numbers: no tick at depth 1.2.
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        NumberAxis y = logY ? null : new NumberAxis(yLabel);
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color c = PALETTE[i % PALETTE.length];
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesFillPaint(i, c);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        renderer.setAlpha(0.18f);
        XYPlot plot = new XYPlot(data, x, logY ? logAxis(yLabel, horizontal) : y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        if (Double.isFinite(horizontal)) {
            ValueMarker m = new ValueMarker(horizontal, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            m.setLabel("ground truth");
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m);
        }
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setTitle(new TextTitle(title, JFreeChart.DEFAULT_TITLE_FONT));
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(Path.of(base + ".png"), out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        String svg = g.getSVGDocument();
        AtomicFiles.write(Path.of(base + ".svg"), out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** A log axis; small quantities (errors) are labelled 1E-3, counts near the reference line (ranks) 2, 5, 10. */
    private static LogAxis logAxis(String label, double reference) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setSmallestValue(1e-8);
        // One labelled tick per power of ten, written 1e-3 rather than 10^-3.0.
        a.setTickUnit(new NumberTickUnit(1));
        a.setNumberFormatOverride(new DecimalFormat(Double.isFinite(reference) ? "0.##" : "0.#E0"));
        a.setMinorTickCount(9);
        a.setMinorTickMarksVisible(true);
        return a;
    }

    private static String axisLabel(String axis) {
        return switch (axis) {
            case "observed" -> "observed entries";
            case "lambda" -> "λ";
            default -> axis;
        };
    }
}
