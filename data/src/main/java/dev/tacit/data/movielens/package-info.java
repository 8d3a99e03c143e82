/**
 * The MovieLens family (Harper and Konstan, ACM TiiS 2015): a typed catalogue of the releases
 * ({@link dev.tacit.data.movielens.MovieLens}: 100K, 1M, 10M, 20M, 25M, 32M, with their archives, layouts, scales,
 * rating counts and pinned checksums), verified downloads into a local cache against the publisher's checksum files
 * ({@link dev.tacit.data.movielens.DatasetCache}), a streaming parser of the releases' ratings files into primitive
 * arrays ({@link dev.tacit.data.movielens.MovieLensRatings}), and for MovieLens-100K strict parsing of the release's
 * files ({@link dev.tacit.data.movielens.RatingsFile}, {@link dev.tacit.data.movielens.MovieLens100k}) and seeded
 * splits with a validation part carved from the training ratings ({@link dev.tacit.data.movielens.Split}).
 *
 * <p>The releases' licences allow research use, require citing Harper and Konstan and restrict redistribution: none
 * is ever bundled with Tacit, only fetched by the user.
 */
package dev.tacit.data.movielens;
