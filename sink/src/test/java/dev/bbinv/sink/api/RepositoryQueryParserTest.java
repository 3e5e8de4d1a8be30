package dev.bbinv.sink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositorySort;

class RepositoryQueryParserTest {
    @Test
    void defaultsToPresentRepositoriesByNameFirstPageOf50() {
        RepositoryQuery q = RepositoryQueryParser.parse(null);

        assertEquals(RemovedFilter.PRESENT_ONLY, q.removed());
        assertEquals(RepositorySort.NAME, q.sort());
        assertEquals(50, q.limit());
        assertEquals(0, q.offset());
    }

    @Test
    void decodesEveryFilterAndTheSortDirection() {
        RepositoryQuery q = RepositoryQueryParser.parse("language=C%23&owner=team+a&application=pay&lifecycle=production"
                + "&category=service&visibility=Public&profile=p1&removed=any&name=%27%3B--&limit=10&offset=20&sort=-last_seen");

        assertEquals("C#", q.language());
        assertEquals("team a", q.owner());
        assertEquals("pay", q.application());
        assertEquals("production", q.lifecycle());
        assertEquals("service", q.category());
        assertEquals("PUBLIC", q.visibility());
        assertEquals("p1", q.profile());
        assertEquals(RemovedFilter.ANY, q.removed());
        assertEquals("';--", q.nameContains());
        assertEquals(10, q.limit());
        assertEquals(20, q.offset());
        assertEquals(RepositorySort.LAST_SEEN, q.sort());
        assertTrue(q.descending());
    }

    @Test
    void aPageStartsAfterOrBeforeARepositoryIdButNotBoth() {
        RepositoryQuery after = RepositoryQueryParser.parse("after=cloud%3A%7Bx%7D&sort=-owner");
        RepositoryQuery before = RepositoryQueryParser.parse("before=server%3Ahttps%3A%2F%2Fbb%3A7");

        assertEquals("cloud:{x}", after.afterId());
        assertEquals(null, after.beforeId());
        assertEquals("server:https://bb:7", before.beforeId());
        assertEquals(null, before.afterId());
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> RepositoryQueryParser.parse("after=a&before=b"));
        assertEquals("parameters 'after' and 'before' cannot be given together", e.getMessage());
    }

    @Test
    void anUnknownFilterIsRefusedWithTheListOfAllowedOnes() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("team=x"));

        assertEquals("unknown parameter 'team'; allowed: after, application, archived, before, category, class, created, developer, "
                + "freshness, label, language, lifecycle, limit, name, offset, owner, profile, removed, scope, sort, tag, "
                + "visibility", e.getMessage());
    }

    @Test
    void theAttributeFiltersTakeSnyksWordsInAnyCaseAndStoreTheSchemaSymbols() {
        RepositoryQuery q = RepositoryQueryParser.parse("freshness=n%2Fa&class=b&developer=ana&tag=platform%3Aaws&label=Go");

        assertEquals("NA", q.freshness());
        assertEquals("B", q.assetClass());
        assertEquals("ana", q.developer());
        assertEquals("platform:aws", q.tag());
        assertEquals("Go", q.label());
        assertEquals("DORMANT", RepositoryQueryParser.parse("freshness=Dormant").freshness());
        assertEquals("NA", RepositoryQueryParser.parse("freshness=NA").freshness());
        assertEquals("parameter 'freshness' must be Active, Inactive, Dormant or N/A, got 'old'",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("freshness=old")).getMessage());
        assertEquals("parameter 'class' must be A, B, C or D, got 'E'",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("class=E")).getMessage());
        assertEquals("parameter 'tag' must be key:value with a non-empty key, got 'aws'",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("tag=aws")).getMessage());
    }

    @Test
    void badPageSizesSortsAndEncodingsAreRefusedSayingWhatIsAllowed() {
        assertEquals("parameter 'limit' must be a whole number from 1 to 500, got '1000'",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("limit=1000")).getMessage());
        assertEquals("parameter 'sort' must be one of name, full_name, id, created_at, updated_at, first_seen, "
                        + "last_seen, scope, visibility, archived, owner, application, lifecycle, category, class, "
                        + "last_commit_at, optionally "
                        + "prefixed with - for descending; got 'team'",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("sort=team")).getMessage());
        assertTrue(assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("owner=%zz"))
                .getMessage().startsWith("the query string is not valid URL encoding"));
        assertEquals("parameter 'name' needs a value",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("name=")).getMessage());
    }

    @Test
    void decodesTheWorkspaceOrProjectAndArchivedFiltersAndTheColumnsTheWebPageSortsBy() {
        RepositoryQuery q = RepositoryQueryParser.parse("scope=PLAT&archived=TRUE&sort=-owner");

        assertEquals("PLAT", q.scope());
        assertEquals(Boolean.TRUE, q.archived());
        assertEquals(RepositorySort.OWNER, q.sort());
        assertTrue(q.descending());
        assertEquals(Boolean.FALSE, RepositoryQueryParser.parse("archived=false").archived());
        assertEquals(null, RepositoryQueryParser.parse(null).archived(), "no archived filter unless asked");
        assertEquals("2024", RepositoryQueryParser.parse("created=2024").createdYear());
        assertEquals("parameter 'created' must be a year such as 2024, got '24'",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("created=24")).getMessage());
        assertEquals("parameter 'archived' must be true or false, got 'maybe'",
                assertThrows(BadRequestException.class, () -> RepositoryQueryParser.parse("archived=maybe")).getMessage());
    }
}
