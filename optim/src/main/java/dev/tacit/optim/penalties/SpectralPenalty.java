package dev.tacit.optim.penalties;

import dev.tacit.algebra.GramSvd;
import dev.tacit.algebra.SvdDecomposer;
import dev.tacit.algebra.SvdRoute;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Settings;
import java.util.Arrays;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Svd;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;
import java.util.List;

/**
 * A penalty that is a function of the singular values, evaluated from one thin SVD of W per step ({@link GramSvd}:
 * the Gram matrix's eigenvectors, refined level by level where they are not accurate enough, so tiny singular values
 * keep a backward stable treatment). When W is well-conditioned the long side's singular vectors are never formed and
 * the gradient U·diag(f)·Vᵀ costs one product with W.
 *
 * <p>The decomposition is chosen by the setting {@code svd} ({@link SvdRoute}); the Hipparchus reference lets a run be
 * checked against a textbook SVD.
 *
 * <p>State: the tensor {@value #BASIS} holds the decomposition's warm-start basis ({@link SvdDecomposer.Result}),
 * the few large right singular vectors of the previous step's W when they are separated from the rest; the next step
 * starts level 0 from it and falls back to a cold start whenever it does not reach the same accuracy. Being part of
 * the state, it is checkpointed with it, so a resumed run takes exactly the steps the uninterrupted one would have.
 */
abstract class SpectralPenalty implements Penalty {

    /** Name of the warm-start basis in the state. */
    static final String BASIS = "basis";

    /**
     * The setting that chooses the decomposition ({@link SvdRoute}): {@code gram} (the fast route, the default),
     * {@code jacobi} or {@code hipparchus} (the textbook reference), so a run can be checked against the reference.
     */
    static final Hyperparameter ROUTE = Hyperparameter.choice("svd", SvdRoute.GRAM.id(),
            Arrays.stream(SvdRoute.values()).map(SvdRoute::id).toList(),
            "how W's SVD is computed: gram (fast, warm-started), jacobi, hipparchus (the reference)");

    private final SvdDecomposer decomposer;

    /** @param route how W's SVD is computed */
    SpectralPenalty(SvdRoute route) {
        this.decomposer = route.decomposer();
    }

    /**
     * @param settings a spectral penalty's settings, with {@link #ROUTE}
     * @return the route they choose
     */
    static SvdRoute route(Settings settings) {
        return SvdRoute.of(settings.choice(ROUTE.name()));
    }

    @Override
    public Value evaluate(Matrix w, State state) {
        SvdDecomposer.Result r = decompose(w, state);
        ValueAndGradient v = fromSpectrum(w, r.svd());
        return new Value(v.value(), v.gradient(), withBasis(state, r));
    }

    /**
     * @param w     the matrix
     * @param state the state, whose warm-start basis (if any) starts the decomposition
     * @return the decomposition of w
     */
    SvdDecomposer.Result decompose(Matrix w, State state) {
        Matrix basis = state.has(BASIS) && !state.tensors(BASIS).isEmpty() ? state.tensors(BASIS).get(0)
                : SvdDecomposer.Result.noWarmStart(w);
        return decomposer.decompose(w, basis);
    }

    /**
     * @param state the state of the step
     * @param r     the step's decomposition
     * @return the state with the warm-start basis for the next step
     */
    static State withBasis(State state, SvdDecomposer.Result r) {
        return state.withTensors(BASIS, List.of(r.warmStart()));
    }

    /**
     * @param w   the matrix
     * @param svd its thin SVD
     * @return R(W) and ∇R(W)
     */
    abstract ValueAndGradient fromSpectrum(Matrix w, Svd svd);

    /**
     * @param value    R(W)
     * @param gradient ∇R(W)
     */
    record ValueAndGradient(double value, Matrix gradient) {
    }
}
