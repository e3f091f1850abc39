package cn.township.intake.classification;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue and gazetteer files that ship with the service load and route as documented. */
class ShippedDataTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record CatalogueFile(List<Category> categories) {
    }

    record GazetteerFile(List<Village> villages) {
    }

    private static <T> T read(String resource, Class<T> type) throws Exception {
        try (InputStream in = ShippedDataTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readValue(in, type);
        }
    }

    @Test
    void theCatalogueCoversTheTownshipsCategories() throws Exception {
        CategoryCatalogue catalogue = new CategoryCatalogue(read("intake/categories.json", CatalogueFile.class).categories());
        assertThat(catalogue.all()).extracting(Category::code).contains("roads", "street-lights", "water-supply",
                "drainage", "power-supply", "sanitation", "construction-dispute", "homestead-dispute",
                "neighbour-dispute", "market-supervision", "social-security", "public-order");
        assertThat(catalogue.all()).allSatisfy(c -> {
            assertThat(c.leadDepartment()).isNotBlank();
            assertThat(c.deadlineClass()).isIn("IMMEDIATE", "URGENT", "STANDARD", "COMPLEX");
        });
    }

    @Test
    void theGazetteerMarksEverythingButTheSeedsVillagesAsSample() throws Exception {
        Gazetteer gazetteer = new Gazetteer(read("intake/gazetteer.json", GazetteerFile.class).villages());
        assertThat(gazetteer.villages()).filteredOn(v -> !v.sample()).extracting(Village::name)
                .containsExactlyInAnyOrder("南岔村", "北土门村");
        assertThat(gazetteer.place(null, "平谷区熊儿寨乡北土门村3组", null, null).village()).isEqualTo("beitumen");
        assertThat(gazetteer.place("nancha-02", "北土门村", null, null))
                .isEqualTo(new Placement("nancha", "nancha-02", false, "grid"));
        assertThat(gazetteer.place(null, "南岔", null, null).village()).isEqualTo("nancha");
        assertThat(gazetteer.place(null, null, 40.2952, 117.2318).village()).isEqualTo("nancha");
        assertThat(gazetteer.place(null, "朝阳区某小区", 39.9, 116.4)).isEqualTo(Placement.manual());
    }
}
