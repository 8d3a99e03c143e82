package dev.tacit.spark;

import java.io.Serializable;

/**
 * The embedding model's parameters as broadcast to the executors for one step: P (users×d) and Q (items×d) row-major,
 * the user and item biases, and the number of training ratings the data term averages over.
 *
 * @param d     the embedding width
 * @param p     P, row-major
 * @param q     Q, row-major
 * @param bu    user biases
 * @param bi    item biases
 * @param count training ratings in all blocks
 */
record Tables(int d, double[] p, double[] q, double[] bu, double[] bi, int count) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The data term's share of one block, with the same arithmetic per rating as the single-machine objective
     * ({@code EmbeddingObjective}): e = r̂ − r, loss += e², and with g = 2e/count, ∇P_u += g·Q_i, ∇Q_i += g·P_u,
     * ∇b_u += g, ∇b_i += g. The block also adds up the Gram XᵀX of its share of each table's rows, for the penalty.
     *
     * @param block the block
     * @param gram  whether the Gram matrices are needed (a penalty with a positive weight)
     * @return its partial sums
     */
    Partial partial(RatingBlock block, boolean gram) {
        Partial s = Partial.zeros(this, gram);
        for (int k = 0; k < block.values().length; k++) {
            int u = block.users()[k];
            int i = block.items()[k];
            int pu = u * d;
            int qi = i * d;
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += p[pu + j] * q[qi + j];
            }
            double e = dot + bu[u] + bi[i] - block.values()[k];
            s.loss += e * e;
            double g = 2 * e / count;
            for (int j = 0; j < d; j++) {
                s.gp[pu + j] += g * q[qi + j];
                s.gq[qi + j] += g * p[pu + j];
            }
            s.gbu[u] += g;
            s.gbi[i] += g;
        }
        if (gram) {
            addGram(p, bu.length, block, s.gramP);
            addGram(q, bi.length, block, s.gramQ);
        }
        return s;
    }

    /** Adds x_r x_rᵀ of the block's rows r (r mod blocks = index) to the lower triangle of a d×d Gram. */
    private void addGram(double[] x, int rows, RatingBlock block, double[] gram) {
        for (int r = block.index(); r < rows; r += block.blocks()) {
            int off = r * d;
            for (int a = 0; a < d; a++) {
                double xa = x[off + a];
                for (int b = 0; b <= a; b++) {
                    gram[a * d + b] += xa * x[off + b];
                }
            }
        }
    }
}
