package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.bbinv.sink.testing.Fixtures;

class ExporterTest {
    @Test
    void csvQuotesFieldsWithCommasQuotesAndLineBreaksAndLeavesNullsEmpty() {
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",",
                Exporter.csv(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null)));
    }

    @Test
    void csvNeutralisesCellsASpreadsheetWouldRunAsFormulas() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",a=b",
                Exporter.csv(Arrays.asList("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "a=b")));
    }

    @Test
    void aRepositoryRowHasOneFieldPerColumnWithListsJoinedBySemicolons() {
        var row = Exporter.repositoryRow(Fixtures.record(Fixtures.repository(1, 3)
                .setProfiles(java.util.List.of("b", "a")).build()));

        assertEquals(Exporter.REPOSITORY_COLUMNS.size(), row.size());
        assertEquals("server:https://bb.example.com:1", row.get(0));
        assertEquals("Java", row.get(Exporter.REPOSITORY_COLUMNS.indexOf("languages")));
        assertEquals("a;b", row.get(Exporter.REPOSITORY_COLUMNS.indexOf("profiles")));
        assertEquals("team-a", row.get(Exporter.REPOSITORY_COLUMNS.indexOf("owner")));
        assertEquals("3", row.get(Exporter.REPOSITORY_COLUMNS.indexOf("version")));
        assertEquals(Exporter.USER_COLUMNS.size(), Exporter.userRow(Fixtures.record(Fixtures.user(1, 1).build())).size());
    }

    @Test
    void optionsParseCaseInsensitivelyAndRefuseUnknownValuesSayingWhatIsAllowed() {
        assertEquals(Exporter.Type.USERS, Exporter.Type.parse("Users"));
        assertEquals(Exporter.Format.CSV, Exporter.Format.parse("csv"));
        assertEquals("--format must be one of jsonl, csv, got 'xml'",
                assertThrows(IllegalArgumentException.class, () -> Exporter.Format.parse("xml")).getMessage());
    }
}
