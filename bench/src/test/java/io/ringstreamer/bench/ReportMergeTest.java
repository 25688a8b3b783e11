package io.ringstreamer.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportMergeTest
{
    private static final String FRESH = Report.BEGIN + "\nnew tables\n" + Report.END + "\n";

    @Test
    void shouldReplaceOnlyTheGeneratedPartWhenBothMarkersArePresent()
    {
        final String old = "# Performance\n\nreading\n\n" + Report.BEGIN + "\nold tables\n" + Report.END + "\n\nafter\n";
        assertEquals("# Performance\n\nreading\n\n" + FRESH + "\nafter\n", Report.merge(old, FRESH));
    }

    @Test
    void shouldAppendWhenTheDocumentHasNoMarkers()
    {
        assertEquals("# Performance\n\nreading\n" + "\n" + FRESH, Report.merge("# Performance\n\nreading\n", FRESH));
    }

    @Test
    void shouldRefuseWhenAMarkerIsMissingRepeatedOrOutOfOrder()
    {
        assertThrows(IllegalStateException.class, () -> Report.merge("x\n" + Report.BEGIN + "\nold\n", FRESH));
        assertThrows(IllegalStateException.class, () -> Report.merge("x\n" + Report.END + "\nold\n", FRESH));
        assertThrows(IllegalStateException.class,
            () -> Report.merge(Report.END + "\n" + Report.BEGIN + "\n", FRESH));
        assertThrows(IllegalStateException.class,
            () -> Report.merge(Report.BEGIN + "\na\n" + Report.BEGIN + "\nb\n" + Report.END + "\n", FRESH));
    }
}
