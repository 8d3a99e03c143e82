package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.testkit.FiniteDifference;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.testkit.BuiltIns;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ratio penalty's opt-in {@code refresh}: the polar factor of every k-th step, reused in between. */
class RatioRefreshTest {

    private static Penalty ratio(int refresh) {
        return Catalog.builtIn().penalty("ratio").orElseThrow().create(Map.of("refresh", "" + refresh)).get();
    }

    /** The exact polar factor U Vᵀ of w. */
    private static Matrix polar(Matrix w) {
        Penalty exact = ratio(1);
        // ∇R = P/‖W‖ − R·W/‖W‖², so P = ‖W‖·∇R + R·W/‖W‖.
        Penalty.Value v = exact.evaluate(w, exact.start());
        double fro = w.frobeniusNorm();
        return v.gradient().combine(fro, v.value() / fro, w);
    }

    @Test
    void refreshOneIsTheExactPenaltyBitForBit() {
        SplittableRandom rng = new SplittableRandom(4);
        Penalty plain = BuiltIns.penalty("ratio");
        Penalty one = ratio(1);
        State a = plain.start();
        State b = one.start();
        for (int step = 0; step < 4; step++) {
            Matrix w = RandomMatrices.gaussian(9, 6, rng);
            Penalty.Value va = plain.evaluate(w, a);
            Penalty.Value vb = one.evaluate(w, b);
            assertEquals(va.value(), vb.value());
            assertEquals(va.gradient(), vb.gradient());
            a = va.state();
            b = vb.state();
        }
    }

    @Test
    void everyThirdStepIsExactAndTheOthersReuseItsPolarFactor() {
        SplittableRandom rng = new SplittableRandom(8);
        Penalty three = ratio(3);
        Penalty exact = ratio(1);
        State state = three.start();
        Matrix kept = null;
        for (int step = 0; step < 7; step++) {
            Matrix w = RandomMatrices.gaussian(7, 10, rng);
            Penalty.Value v = three.evaluate(w, state);
            double fro = w.frobeniusNorm();
            if (step % 3 == 0) {
                Penalty.Value e = exact.evaluate(w, exact.start());
                Tolerance.ROUNDING.assertClose(e.value(), v.value(), "exact value at step " + step);
                Tolerance.ROUNDING.assertClose(e.gradient(), v.gradient(), "exact gradient at step " + step);
                kept = polar(w);
            } else {
                // The surrogate tr(PᵀW)/‖W‖ with the kept P, and its gradient P/‖W‖ − tr(PᵀW)·W/‖W‖³.
                double trace = kept.dot(w);
                Tolerance.LINEAR_ALGEBRA.assertClose(trace / fro, v.value(), "surrogate value at step " + step);
                Tolerance.LINEAR_ALGEBRA.assertClose(kept.combine(1 / fro, -trace / (fro * fro * fro), w),
                        v.gradient(), "surrogate gradient at step " + step);
                assertTrue(v.value() <= Spectra.nuclearNorm(w) / fro + 1e-12, "a lower bound of R");
            }
            state = v.state();
        }
    }

    @Test
    void theReusedGradientIsTheSurrogatesGradientByFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(15);
        Penalty two = ratio(2);
        Matrix first = RandomMatrices.gaussian(6, 8, rng);
        State afterFirst = two.evaluate(first, two.start()).state();
        Matrix w = first.plus(RandomMatrices.gaussian(6, 8, rng).scale(0.1));
        Penalty.Value v = two.evaluate(w, afterFirst);
        Matrix numeric = FiniteDifference.gradient(x -> two.evaluate(x, afterFirst).value(), w, 1e-6);
        Tolerance.FINITE_DIFFERENCE.assertClose(numeric, v.gradient(), "surrogate gradient");
    }

    @Test
    void atAnUnchangedMatrixTheReusedStepIsTheExactOne() {
        Matrix w = RandomMatrices.gaussian(5, 9, new SplittableRandom(2));
        Penalty four = ratio(4);
        Penalty.Value first = four.evaluate(w, four.start());
        Penalty.Value second = four.evaluate(w, first.state());
        Tolerance.LINEAR_ALGEBRA.assertClose(first.value(), second.value(), "value");
        Tolerance.LINEAR_ALGEBRA.assertClose(first.gradient(), second.gradient(), "gradient");
    }

    @Test
    void refreshZeroIsRejectedByName() {
        var result = Catalog.builtIn().penalty("ratio").orElseThrow().create(Map.of("refresh", "0"));
        assertTrue(result.isInvalid());
        assertTrue(result.getError().mkString().contains("refresh"), result.getError().mkString());
    }
}
