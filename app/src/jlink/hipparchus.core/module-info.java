// Explicit descriptor injected into hipparchus-core (an automatic module) so jlink accepts it.
// Generated once with jdeps --generate-module-info from hipparchus-core 4.0.3; regenerate on upgrade.
module hipparchus.core {
    exports org.hipparchus;
    exports org.hipparchus.analysis;
    exports org.hipparchus.analysis.differentiation;
    exports org.hipparchus.analysis.function;
    exports org.hipparchus.analysis.integration;
    exports org.hipparchus.analysis.integration.gauss;
    exports org.hipparchus.analysis.interpolation;
    exports org.hipparchus.analysis.polynomials;
    exports org.hipparchus.analysis.solvers;
    exports org.hipparchus.complex;
    exports org.hipparchus.dfp;
    exports org.hipparchus.distribution;
    exports org.hipparchus.distribution.continuous;
    exports org.hipparchus.distribution.discrete;
    exports org.hipparchus.distribution.multivariate;
    exports org.hipparchus.exception;
    exports org.hipparchus.fraction;
    exports org.hipparchus.linear;
    exports org.hipparchus.random;
    exports org.hipparchus.special;
    exports org.hipparchus.special.elliptic;
    exports org.hipparchus.special.elliptic.carlson;
    exports org.hipparchus.special.elliptic.jacobi;
    exports org.hipparchus.special.elliptic.legendre;
    exports org.hipparchus.util;

}
