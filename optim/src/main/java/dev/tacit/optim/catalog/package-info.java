/**
 * Where optimizers, penalties, learning-rate schedules and completion methods come from: the
 * {@link dev.tacit.optim.catalog.Catalog} of providers found with {@link java.util.ServiceLoader}, built in or loaded by
 * {@link dev.tacit.optim.catalog.Plugins} from plugin jars (one module layer per directory), each provider wrapped so
 * that a faulty plugin is reported by name instead of failing the run.
 */
package dev.tacit.optim.catalog;
