package dev.tacit.api;

import dev.tacit.algebra.Matrix;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The memory an optimizer or penalty carries from one step to the next (moment estimates, a step counter, a
 * warm-start basis), as an immutable value: a step count, named lists of matrices and named scalars.
 *
 * <p>One generic shape for every service's state means any run, including one using a plugin optimizer, can be
 * checkpointed and resumed bit for bit without knowing the service. Names are sorted so serialised states are stable.
 *
 * @param step    steps taken so far
 * @param tensors named lists of matrices (for example one moment estimate per parameter)
 * @param scalars named numbers
 */
public record State(long step, SortedMap<String, List<Matrix>> tensors, SortedMap<String, Double> scalars) {

    /** No memory at step 0. */
    public static final State EMPTY = new State(0, new TreeMap<>(), new TreeMap<>());

    /** Copies the maps into unmodifiable sorted maps. */
    public State {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        TreeMap<String, List<Matrix>> t = new TreeMap<>();
        tensors.forEach((k, v) -> t.put(k, List.copyOf(v)));
        tensors = Collections.unmodifiableSortedMap(t);
        scalars = Collections.unmodifiableSortedMap(new TreeMap<>(scalars));
    }

    /**
     * @param name a tensor list name
     * @return the list
     * @throws NoSuchElementException if this state has no such list
     */
    public List<Matrix> tensors(String name) {
        List<Matrix> v = tensors.get(name);
        if (v == null) {
            throw new NoSuchElementException("state has no tensors named '" + name + "' (has " + tensors.keySet() + ")");
        }
        return v;
    }

    /**
     * @param name a scalar name
     * @return its value
     * @throws NoSuchElementException if this state has no such scalar
     */
    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new NoSuchElementException("state has no scalar named '" + name + "' (has " + scalars.keySet() + ")");
        }
        return v;
    }

    /**
     * @param name a tensor list name
     * @return whether this state has it
     */
    public boolean hasTensors(String name) {
        return tensors.containsKey(name);
    }

    /**
     * @param newStep the step count
     * @return a copy with that step count
     */
    public State withStep(long newStep) {
        return new State(newStep, tensors, scalars);
    }

    /**
     * @param name   a tensor list name
     * @param values its new value
     * @return a copy with that list set
     */
    public State withTensors(String name, List<Matrix> values) {
        TreeMap<String, List<Matrix>> t = new TreeMap<>(tensors);
        t.put(name, values);
        return new State(step, t, scalars);
    }

    /**
     * @param name  a scalar name
     * @param value its new value
     * @return a copy with that scalar set
     */
    public State withScalar(String name, double value) {
        TreeMap<String, Double> s = new TreeMap<>(scalars);
        s.put(name, value);
        return new State(step, tensors, s);
    }
}
