package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldsFilterAndQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void bareListKeepsOnlyThosePathsThroughArrays() throws Exception {
        JsonNode src = tree("{'next':'n','size':2,'values':[{'slug':'a','links':{'html':1},'project':{'key':'K','uuid':'u'}}]}");
        assertEquals(tree("{'next':'n','values':[{'slug':'a','project':{'key':'K'}}]}"),
                FieldsFilter.apply(src, "next,values.slug,values.project.key"));
    }

    @Test
    void minusDropsPlusAddsBackAndStarMatchesALevel() throws Exception {
        JsonNode src = tree("{'next':'n','size':2,'values':[{'slug':'a','links':{'html':1}}]}");
        assertEquals(tree("{'next':'n','size':2,'values':[{'slug':'a'}]}"), FieldsFilter.apply(src, "-values.links"));
        assertEquals(tree("{'next':'n'}"), FieldsFilter.apply(src, "-*,+next"));
    }

    @Test
    void parsesConjunctionsAndRefusesWhatItCannotEvaluate() {
        CloudQuery q = CloudQuery.parse("updated_on >= 2025-01-01T00:00:00+02:00 AND project.key=\"PAY\"");
        assertEquals(2, q.conditions().size());
        assertEquals(">=", q.conditions().get(0).op());
        assertEquals("PAY", q.conditions().get(1).value());
        assertTrue(CloudQuery.isUpdatedOnRange(q.conditions().get(0)));
        assertEquals("q", assertThrows(BadRequest.class, () -> CloudQuery.parse("name=\"a\" OR name=\"b\"")).parameter());
        assertThrows(BadRequest.class, () -> CloudQuery.parse("(name=\"a\")"));
        assertThrows(BadRequest.class, () -> CloudQuery.parse("updated_on > yesterday"));
        assertThrows(BadRequest.class, () -> CloudQuery.parse("owner.nickname=\"x\""));
        assertThrows(BadRequest.class, () -> CloudQuery.parse("project.key=PAY"));
    }
}
