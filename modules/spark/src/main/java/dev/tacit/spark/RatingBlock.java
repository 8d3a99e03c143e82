package dev.tacit.spark;

import dev.tacit.algebra.Entries;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's share of the training ratings, as primitive arrays (what Spark ships and caches), and the share of
 * the embedding tables' rows whose Gram it adds up: rows r with r mod blocks = index.
 *
 * @param index  the block's number, from 0
 * @param blocks how many blocks there are
 * @param users  the ratings' users
 * @param items  their items
 * @param values their values
 */
record RatingBlock(int index, int blocks, int[] users, int[] items, double[] values) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param ratings the training ratings
     * @param blocks  how many blocks to cut them into (contiguous runs of ratings, sizes differing by at most one)
     * @return the blocks
     */
    static List<RatingBlock> split(Entries ratings, int blocks) {
        List<RatingBlock> out = new ArrayList<>(blocks);
        int n = ratings.size();
        for (int b = 0; b < blocks; b++) {
            int from = (int) ((long) n * b / blocks);
            int to = (int) ((long) n * (b + 1) / blocks);
            int[] u = new int[to - from];
            int[] i = new int[to - from];
            double[] v = new double[to - from];
            for (int k = from; k < to; k++) {
                u[k - from] = ratings.row(k);
                i[k - from] = ratings.col(k);
                v[k - from] = ratings.value(k);
            }
            out.add(new RatingBlock(b, blocks, u, i, v));
        }
        return out;
    }
}
