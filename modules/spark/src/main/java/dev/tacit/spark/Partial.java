package dev.tacit.spark;

import java.io.Serializable;

/**
 * Sums of one step over some blocks of ratings: the squared errors, the data term's gradients, and the tables'
 * Gram matrices (lower triangles). Mutable, as Spark's aggregation wants its buffers: a block fills a fresh one and
 * {@link #plus} adds another into it, so a step allocates one buffer per block. The empty one (no arrays) is the
 * aggregation's zero, cheap to ship with every task.
 */
final class Partial implements Serializable {

    private static final long serialVersionUID = 1L;

    double loss;
    double[] gp;
    double[] gq;
    double[] gbu;
    double[] gbi;
    double[] gramP;
    double[] gramQ;

    /** @return the zero of the aggregation, holding nothing */
    static Partial empty() {
        return new Partial();
    }

    /**
     * @param t    the tables (for the sizes)
     * @param gram whether to hold Gram matrices
     * @return zeros of every sum
     */
    static Partial zeros(Tables t, boolean gram) {
        Partial s = new Partial();
        s.gp = new double[t.p().length];
        s.gq = new double[t.q().length];
        s.gbu = new double[t.bu().length];
        s.gbi = new double[t.bi().length];
        if (gram) {
            s.gramP = new double[t.d() * t.d()];
            s.gramQ = new double[t.d() * t.d()];
        }
        return s;
    }

    /**
     * @param other sums over other blocks
     * @return this, with the other's sums added (the other is left alone)
     */
    Partial plus(Partial other) {
        if (other.gp == null) {
            return this;
        }
        if (gp == null) {
            return other;
        }
        loss += other.loss;
        add(gp, other.gp);
        add(gq, other.gq);
        add(gbu, other.gbu);
        add(gbi, other.gbi);
        if (gramP != null) {
            add(gramP, other.gramP);
            add(gramQ, other.gramQ);
        }
        return this;
    }

    private static void add(double[] into, double[] from) {
        for (int k = 0; k < into.length; k++) {
            into[k] += from[k];
        }
    }
}
