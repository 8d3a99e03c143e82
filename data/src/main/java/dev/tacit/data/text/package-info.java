/**
 * Byte-level reading shared by the text formats (ratings files, Matrix Market): a streamed line source with
 * transparent gzip, decimal parsing without Strings, growable primitive storage and the search for repeated
 * positions. Not exported: the formats' own classes are the API.
 */
package dev.tacit.data.text;
