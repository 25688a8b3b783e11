/**
 * A simulated market for demos, tests and benchmarks: {@link io.ringstreamer.demo.synthetic.SyntheticMarket}
 * writes a seeded, deterministic stream of canonical messages of every service for many symbols, and
 * {@link io.ringstreamer.demo.synthetic.SyntheticStreamer} publishes it into a pipeline at a steady rate.
 */
package io.ringstreamer.demo.synthetic;
