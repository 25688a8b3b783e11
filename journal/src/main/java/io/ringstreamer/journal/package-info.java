/**
 * The optional journal: {@link io.ringstreamer.journal.ChronicleJournal} records every raw inbound
 * message of a pipeline into a Chronicle Queue on disk ({@code Pipeline.Builder.journal});
 * {@link io.ringstreamer.journal.JournalReplayStreamer} plays a journal back into a pipeline, at full
 * speed or paced; {@link io.ringstreamer.journal.JournalExporter} writes it out as JSON Lines;
 * {@link io.ringstreamer.journal.JournalReader} reads it. Chronicle Queue needs JVM flags on Java 17
 * and later ({@code docs/journal.md}); core does not depend on this module.
 */
package io.ringstreamer.journal;
