/**
 * Typed, immutable configuration: {@code conf/meridian.json}, the six {@code policies/*.json} files
 * and the {@code MERIDIAN_*} environment, parsed into records.
 *
 * <p>Entry points: {@link dev.meridian.config.ConfigLoader} (reads the files through vertx-config),
 * {@link dev.meridian.config.ConfigParser} (pure: JSON and environment in, a
 * {@link dev.meridian.config.ConfigResult} out) and {@link dev.meridian.config.BundledFiles} (where
 * {@code conf/}, {@code policies/} and {@code webroot/} live on disk).
 *
 * <p>Contract shared by every record here: components are non-null and immutable, money and
 * fractions are exact {@link java.math.BigDecimal}s, and each constructor enforces the same ranges
 * the parser reports, so a record that exists is valid whether it came from a file or from code
 * (the backtester builds variants). Range violations raised by constructors name the JSON field.
 * The file keys, units and ranges are documented in {@code docs/config.md}.
 */
package dev.meridian.config;
