package dev.bbinv.enricher.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AttributePathTest {

    @Test
    void splitsOnDots() {
        assertEquals(List.of("spec", "owner"), AttributePath.parse("spec.owner").segments());
    }

    @Test
    void aQuotedSegmentMayContainDots() {
        assertEquals(List.of("metadata", "annotations", "acme.com/owner"),
                AttributePath.parse("metadata.annotations.\"acme.com/owner\"").segments());
    }

    @Test
    void quotesAndBackslashesEscapeInsideQuotes() {
        assertEquals(List.of("a", "say \"hi\".\\"), AttributePath.parse("a.\"say \\\"hi\\\".\\\\\"").segments());
    }

    @Test
    void rejectsMalformedPathsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AttributePath.parse("spec..owner"))
                .getMessage().contains("'spec..owner' has an empty segment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AttributePath.parse("a.\"b.c"))
                .getMessage().contains("unclosed quote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AttributePath.parse("a.\"b\"c"))
                .getMessage().contains("after a closing quote"));
        assertThrows(IllegalArgumentException.class, () -> AttributePath.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> AttributePath.parse("spec."));
    }

    @Test
    void looksUpNestedMappingsAndGivesNullWhenAStepIsMissing() {
        Map<String, Object> entity = Map.of("metadata", Map.of("annotations", Map.of("acme.com/owner", "team-a")));
        assertEquals("team-a", AttributePath.parse("metadata.annotations.\"acme.com/owner\"").lookup(entity));
        assertNull(AttributePath.parse("metadata.labels.tier").lookup(entity));
        assertNull(AttributePath.parse("metadata.annotations.\"acme.com/owner\".deeper").lookup(entity));
    }
}
