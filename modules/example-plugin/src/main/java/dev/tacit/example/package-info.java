/**
 * The Lion optimizer and its provider: a complete, minimal plugin (see docs/plugins.md).
 */
package dev.tacit.example;
