package dev.tacit.optim.penalties;

import dev.tacit.algebra.SvdDecomposer;
import dev.tacit.algebra.SvdRoute;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Svd;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Penalty;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * The study's penalty R(W) = ‖W‖_* / ‖W‖_F (Zhao, NeurIPS 2022). Scale invariant, between 1 and sqrt(rank W).
 * With W = U Σ Vᵀ: ∇R = U Vᵀ / ‖W‖_F − ‖W‖_* · W / ‖W‖_F³ (docs/method.md §3).
 *
 * <p>Where σ_i = 0 the nuclear norm is not differentiable; U Vᵀ is then taken over the non-zero singular values (the
 * minimal-norm subgradient). At W = 0 the ratio is undefined; it is taken as 0 with a zero gradient.
 *
 * <p>Opt-in approximation ({@code refresh} = k > 1): the polar factor P = U Vᵀ is computed at every k-th evaluation
 * only and kept in the state ({@value #POLAR}, with its age in {@value #AGE}); in between, the penalty is the
 * surrogate tr(Pᵀ W) / ‖W‖_F, exact where P is W's own polar factor and a lower bound of R elsewhere (tr(PᵀW) ≤ ‖W‖_*
 * for any P of spectral norm 1), with its exact gradient P / ‖W‖_F − tr(PᵀW) · W / ‖W‖_F³. A reused step costs two
 * passes over W instead of a decomposition. Being in the state, the stale factor is checkpointed with it, so resumed
 * runs stay bit for bit identical. Its effect on results is measured in docs/performance.md.
 */
final class RatioPenalty extends SpectralPenalty {

    /** Name of the kept polar factor in the state. */
    static final String POLAR = "polar";
    /** Name of the number of evaluations since the kept polar factor was computed. */
    static final String AGE = "polar_age";

    private final int refresh;

    /** @param refresh compute the polar factor every this many evaluations (1: at every one, exactly) */
    RatioPenalty(int refresh, SvdRoute route) {
        super(route);
        if (refresh < 1) {
            throw new IllegalArgumentException("refresh must be at least 1, got " + refresh);
        }
        this.refresh = refresh;
    }

    @Override
    public Value evaluate(Matrix w, State state) {
        if (refresh == 1) {
            return super.evaluate(w, state);
        }
        long age = state.has(POLAR) ? state.count(AGE) : refresh;
        Matrix kept = state.has(POLAR) ? state.tensors(POLAR).get(0) : null;
        if (age + 1 < refresh && kept.sameShape(w)) {
            ValueAndGradient v = ratio(w, kept.dot(w), w.frobeniusNorm(), kept);
            return new Value(v.value(), v.gradient(), state.withCount(AGE, age + 1));
        }
        SvdDecomposer.Result r = decompose(w, state);
        Svd svd = r.svd();
        Matrix polar = svd.polarFactor();
        ValueAndGradient v = ratio(w, svd.nuclearNorm(), svd.frobeniusNorm(), polar);
        return new Value(v.value(), v.gradient(),
                withBasis(state, r).withTensors(POLAR, List.of(polar)).withCount(AGE, 0));
    }

    @Override
    ValueAndGradient fromSpectrum(Matrix w, Svd svd) {
        return ratio(w, svd.nuclearNorm(), svd.frobeniusNorm(), svd.polarFactor());
    }

    /** nuclear/fro and P/fro − nuclear·W/fro³; 0 with a zero gradient at W = 0. */
    private static ValueAndGradient ratio(Matrix w, double nuclear, double fro, Matrix polar) {
        if (fro == 0) {
            return new ValueAndGradient(0, Matrix.zeros(w.rows(), w.cols()));
        }
        return new ValueAndGradient(nuclear / fro, polar.combine(1 / fro, -nuclear / (fro * fro * fro), w));
    }

    /** Registers {@code ratio}. */
    public static final class Provider implements PenaltyProvider {
        @Override
        public String name() {
            return "ratio";
        }

        @Override
        public String description() {
            return "‖W‖_* / ‖W‖_F, nuclear over Frobenius norm (Zhao 2022)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(ROUTE, Hyperparameter.integer("refresh", 1, 1, 1_000_000,
                    "compute the polar factor every this many steps and reuse it in between (1: exact at every "
                            + "step; more is an opt-in approximation, see docs/performance.md)"));
        }

        @Override
        public Penalty create(Settings settings) {
            return new RatioPenalty((int) settings.get("refresh"), route(settings));
        }
    }
}
