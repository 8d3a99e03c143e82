package dev.tacit.optim;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Penalty;
import dev.tacit.optim.catalog.Catalog;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A spectral penalty computed through each SVD route ({@code --penalty-opt svd=gram|jacobi|hipparchus}) gives the
 * same value and gradient: a run can switch to the Hipparchus reference and be checked against it.
 */
class SpectralRouteTest {

    @ParameterizedTest
    @CsvSource({"ratio,jacobi", "ratio,hipparchus", "nuclear,hipparchus", "schatten-half,hipparchus"})
    void everyRouteGivesTheSamePenaltyAndGradient(String name, String route) {
        SplittableRandom rng = new SplittableRandom(17);
        Matrix w = RandomMatrices.gaussian(30, 20, rng);
        Penalty gram = Catalog.builtIn().penalty(name).orElseThrow().create(Map.of("svd", "gram")).get();
        Penalty other = Catalog.builtIn().penalty(name).orElseThrow().create(Map.of("svd", route)).get();
        Penalty.Value a = gram.evaluate(w, gram.start());
        Penalty.Value b = other.evaluate(w, other.start());
        Tolerance.LINEAR_ALGEBRA.assertClose(a.value(), b.value(), name + " value, " + route);
        Tolerance.LINEAR_ALGEBRA.assertClose(a.gradient(), b.gradient(), name + " gradient, " + route);
    }
}
