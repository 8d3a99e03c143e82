package dev.tacit.study.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An experiment: methods crossed with a grid of problems and seeds.
 *
 * @param name     used for the output directory and titles
 * @param methods  what to run
 * @param sizes    matrix sizes (square)
 * @param ranks    ranks of the ground truth
 * @param observed numbers of observed entries
 * @param depths   depths for network methods whose notation leaves the depth open
 * @param lambdas  penalty weights for network methods with a penalty
 * @param seeds    repeats
 * @param xAxis    the axis charts put on x: observed, depth, rank, size or lambda
 * @param defaults settings every network run starts from (iterations, lr, init_scale, ...)
 */
public record ExperimentSpec(String name, List<MethodSpec> methods, List<Integer> sizes, List<Integer> ranks,
                             List<Integer> observed, List<Integer> depths, List<Double> lambdas, List<Long> seeds,
                             String xAxis, SortedMap<String, String> defaults) {

    /** The axes a chart can use. */
    public static final List<String> AXES = List.of("observed", "depth", "rank", "size", "lambda");

    /** Copies the lists and validates the axis. */
    public ExperimentSpec {
        methods = List.copyOf(methods);
        sizes = List.copyOf(sizes);
        ranks = List.copyOf(ranks);
        observed = List.copyOf(observed);
        depths = List.copyOf(depths);
        lambdas = List.copyOf(lambdas);
        seeds = List.copyOf(seeds);
        defaults = Collections.unmodifiableSortedMap(new TreeMap<>(defaults));
        if (!AXES.contains(xAxis)) {
            throw new IllegalArgumentException("x must be one of " + AXES + ", got '" + xAxis + "'");
        }
    }

    /**
     * Expands the grid. A network method whose notation fixes the depth ignores the depths axis; methods without a
     * penalty and completion methods ignore the lambdas axis; completion methods ignore the depths axis.
     *
     * @return every run, in a stable order
     */
    public List<RunSpec> expand() {
        List<RunSpec> runs = new ArrayList<>();
        for (MethodSpec m : methods) {
            List<Integer> ds = !m.isNetwork() ? List.of(0) : m.depth().map(List::of).orElse(depths);
            boolean penalised = m.isNetwork() && !"none".equals(m.penalty());
            List<Double> ls = penalised ? lambdas : List.of(0.0);
            for (int size : sizes) {
                for (int rank : ranks) {
                    for (int obs : observed) {
                        for (int depth : ds) {
                            for (double lambda : ls) {
                                for (long seed : seeds) {
                                    runs.add(new RunSpec(name, m, size, rank, obs, depth, lambda, seed, defaults));
                                }
                            }
                        }
                    }
                }
            }
        }
        return runs;
    }
}
