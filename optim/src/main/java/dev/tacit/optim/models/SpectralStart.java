package dev.tacit.optim.models;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.GramSvd;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Svd;
import dev.tacit.api.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A data-driven start for the linear network: the spectral estimate of matrix completion (Keshavan, Montanari and
 * Oh, "Matrix completion from a few entries", IEEE Trans. Inf. Theory 56(6), 2010). The observed entries, zero
 * elsewhere, are truncated to their top {@code rank} singular triplets and scaled: M₀ = α·U_r diag(σ_r) V_rᵀ. The
 * textbook scale α = 1/p (p = |Ω|/(m·n)) makes the filled matrix unbiased only when entries are observed uniformly at
 * random; ratings are not, and that scale over-shoots, so α is fitted by least squares on the training entries.
 *
 * <p>Why it helps: from the usual tiny random start the network spends thousands of full-batch steps before the
 * unobserved entries, which only the penalty moves, take any shape. M₀ already carries the dominant structure of the
 * ratings into every entry, so training starts where the random start arrives late.
 *
 * <p>For depth N the estimate is split evenly over the factors, A₁ = U diag(s) Vᵀ and A_k = V diag(s) Vᵀ for k ≥ 2
 * with s = (α·σ)^(1/N), whose product is M₀ because VᵀV = I. The network's usual random start (scale
 * {@code initScale}) is added to every factor: without it the factors of a deep network would share one r-dimensional
 * row space that gradients could never leave.
 *
 * @param rank r, the number of singular triplets kept, at least 1
 */
public record SpectralStart(int rank) {

    /** Checks the rank. */
    public SpectralStart {
        if (rank < 1) {
            throw new InvalidValueException("init_rank", rank, "at least 1");
        }
    }

    /**
     * @param network the network to start
     * @param train   the training entries, in the units the network is trained in
     * @param rng     the source of the added random start
     * @return the initial factors A₁..A_N
     */
    public List<Matrix> initialParameters(LinearNetwork network, Entries train, SplittableRandom rng) {
        int m = network.rows();
        int n = network.cols();
        if (train.rows() != m || train.cols() != n) {
            throw new IllegalArgumentException("spectral start: " + train.rows() + "x" + train.cols()
                    + " observations for a " + m + "x" + n + " network");
        }
        if (rank > Math.min(m, n)) {
            throw new InvalidValueException("init_rank", rank, "at most min(rows, cols) = " + Math.min(m, n));
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("spectral start: no training entries");
        }
        Svd svd = GramSvd.decompose(train.toDense()).svd();
        double[] top = new double[svd.size()];
        System.arraycopy(svd.singularValues(), 0, top, 0, rank);
        double alpha = fittedScale(svd.compose(top), train);
        int depth = network.depth();
        double[] s = new double[svd.size()];
        for (int i = 0; i < rank; i++) {
            s[i] = Math.pow(alpha * top[i], 1.0 / depth);
        }
        List<Matrix> random = network.initialParameters(rng);
        List<Matrix> factors = new ArrayList<>(depth);
        factors.add(svd.compose(s).plus(random.get(0)));
        if (depth > 1) {
            Matrix v = svd.v();
            Matrix inner = v.scaleColumns(s).multiplyTranspose(v);
            for (int k = 1; k < depth; k++) {
                factors.add(inner.plus(random.get(k)));
            }
        }
        return List.copyOf(factors);
    }

    /**
     * The least-squares scale of the estimate on the training entries, argmin_α Σ_Ω (α·e_ij − r_ij)²: the 1/p of
     * the textbook estimate assumes entries observed uniformly at random, which ratings are not (a few users and
     * items hold most of them), so the scale is fitted to the data instead.
     */
    private static double fittedScale(Matrix estimate, Entries train) {
        double[] e = train.gather(estimate);
        double ee = 0;
        double er = 0;
        for (int k = 0; k < e.length; k++) {
            ee += e[k] * e[k];
            er += e[k] * train.value(k);
        }
        return ee > 0 ? Math.max(0, er / ee) : 0;
    }
}
