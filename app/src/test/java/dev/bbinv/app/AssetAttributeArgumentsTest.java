package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class AssetAttributeArgumentsTest {

    @Test
    void aClassIsOneLetterAToDInEitherCase() {
        assertEquals("A", AssetAttributeArguments.assetClass("a"));
        assertEquals("D", AssetAttributeArguments.assetClass(" D "));
        assertEquals("class must be A, B, C or D (A most critical), got 'E'",
                assertThrows(IllegalArgumentException.class, () -> AssetAttributeArguments.assetClass("E")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AssetAttributeArguments.assetClass("AB"));
        assertThrows(IllegalArgumentException.class, () -> AssetAttributeArguments.assetClass(""));
    }

    @Test
    void aTagIsKeyColonValueWithNeitherEmptyAndTheKeyEndsAtTheFirstColon() {
        assertEquals("platform:aws", AssetAttributeArguments.tag(" platform : aws "));
        assertEquals("docs:https://wiki/x", AssetAttributeArguments.tag("docs:https://wiki/x"));
        assertEquals("tag 'platform' must be key:value, e.g. platform:aws",
                assertThrows(IllegalArgumentException.class, () -> AssetAttributeArguments.tag("platform")).getMessage());
        assertEquals("tag ':aws' has an empty key: it must be key:value, e.g. platform:aws",
                assertThrows(IllegalArgumentException.class, () -> AssetAttributeArguments.tag(":aws")).getMessage());
        assertEquals("tag 'platform:' has an empty value: it must be key:value, e.g. platform:aws",
                assertThrows(IllegalArgumentException.class, () -> AssetAttributeArguments.tag("platform:")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AssetAttributeArguments.tags(List.of("a:b", "bad")),
                "one bad tag fails them all");
    }

    @Test
    void addKeepsEachTagOnceInOrderAndRemoveTakesOnlyThoseNamed() {
        assertEquals(List.of("a:1", "b:2", "c:3"), AssetAttributeArguments.added(List.of("a:1", "b:2"), List.of("b:2", "c:3")));
        assertEquals(List.of("a:1"), AssetAttributeArguments.removed(List.of("a:1", "b:2"), List.of("b:2", "z:9")));
    }
}
