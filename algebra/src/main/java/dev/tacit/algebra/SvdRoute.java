package dev.tacit.algebra;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The built-in ways to compute a thin SVD, by the lowercase names users give them ({@link #id()}).
 *
 * <p>All three are backward stable, so the polar factor and any spectral gradient U·diag(f)·Vᵀ they produce agree
 * to within what any two backward stable methods may differ by (for the polar factor, about eps·‖W‖_F/σ_k): the
 * routes differ in speed, not in what they promise. {@code SvdRouteAgreementTest} checks that on random and
 * trained-shape matrices.
 */
public enum SvdRoute {

    /**
     * {@code gram}: the Gram matrix's eigenvectors, refined level by level where they are not accurate enough, with a
     * warm start from the previous step's large singular vectors ({@link GramSvd}). The fast route, and the default.
     */
    GRAM("gram", "Gram matrix eigenvectors refined level by level, warm-started (fast; default)"),

    /**
     * {@code jacobi}: one-sided Jacobi sweeps preconditioned by the Gram eigenvectors ({@link JacobiSvd}); no warm
     * start. Slower on trained matrices; kept as an independent route of the same accuracy class.
     */
    JACOBI("jacobi", "one-sided Jacobi from the Gram eigenvectors (no warm start)"),

    /**
     * {@code hipparchus}: Hipparchus' Golub–Kahan SVD, the textbook route (single-threaded, no warm start, 3 to 5
     * times slower than {@code gram} at 100×100 and far slower at MovieLens size); a reference that shares no code
     * with the other two.
     */
    HIPPARCHUS("hipparchus", "Hipparchus' Golub-Kahan SVD (reference; slow)");

    private final String id;
    private final String description;

    SvdRoute(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** @return the name users give the route: {@code gram}, {@code jacobi} or {@code hipparchus} */
    public String id() {
        return id;
    }

    /** @return one line saying what the route does */
    public String description() {
        return description;
    }

    /** @return {@link #id()} */
    @Override
    public String toString() {
        return id;
    }

    /**
     * @param id a route's name, in any letter case
     * @return the route
     * @throws IllegalArgumentException naming the known routes if there is none of that name
     */
    public static SvdRoute of(String id) {
        String key = Objects.requireNonNull(id, "id").toLowerCase(Locale.ROOT);
        for (SvdRoute r : values()) {
            if (r.id.equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown SVD route '" + id + "'; known: "
                + Arrays.stream(values()).map(SvdRoute::id).collect(Collectors.joining(", ")));
    }

    /** @return the route used unless one is chosen: {@link #GRAM} */
    public static SvdRoute standard() {
        return GRAM;
    }

    /**
     * @return this route's decomposer, using the threads of {@link Parallelism#current()} at each call
     */
    public SvdDecomposer decomposer() {
        return (w, warmStart) -> decompose(w, warmStart, Parallelism.current());
    }

    /**
     * @param parallelism the threads every call may use (the result does not depend on them)
     * @return this route's decomposer
     */
    public SvdDecomposer decomposer(Parallelism parallelism) {
        Objects.requireNonNull(parallelism, "parallelism");
        return (w, warmStart) -> decompose(w, warmStart, parallelism);
    }

    private SvdDecomposer.Result decompose(Matrix w, Matrix warmStart, Parallelism p) {
        Objects.requireNonNull(warmStart, "warmStart (a matrix with no columns for none)");
        return switch (this) {
            case GRAM -> {
                GramSvd.Result r = GramSvd.decompose(w, warmStart.cols() == 0 ? null : warmStart, p);
                yield new SvdDecomposer.Result(r.svd(), r.basis());
            }
            case JACOBI -> new SvdDecomposer.Result(JacobiSvd.decompose(w, p).svd(),
                    SvdDecomposer.Result.noWarmStart(w));
            case HIPPARCHUS -> new SvdDecomposer.Result(HipparchusSvd.decompose(w),
                    SvdDecomposer.Result.noWarmStart(w));
        };
    }
}
