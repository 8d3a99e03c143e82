/**
 * Safe writing of files every module shares: results, checkpoints and logs are written so that a kill at any moment
 * leaves either the previous complete file or the new complete file, never a half-written one.
 */
package dev.tacit.data.io;
