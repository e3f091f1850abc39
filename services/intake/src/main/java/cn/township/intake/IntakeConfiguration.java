package cn.township.intake;

import cn.township.intake.classification.Category;
import cn.township.intake.classification.CategoryCatalogue;
import cn.township.intake.classification.Gazetteer;
import cn.township.intake.classification.Village;
import cn.township.intake.persistence.TicketStore;
import cn.township.intake.privacy.PhoneProtector;
import cn.township.intake.receiving.FollowUps;
import cn.township.intake.receiving.RepeatCallers;
import cn.township.intake.receiving.TicketIntake;
import cn.township.intake.web.BodyLimitFilter;
import cn.township.messaging.outbox.OutboxRelay;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/** Wires intake's parts: data files, the phone protector, the ticket store and the use cases. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    private static final JsonMapper DATA = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record CatalogueFile(List<Category> categories) {
    }

    record GazetteerFile(List<Village> villages) {
    }

    @Bean
    CategoryCatalogue categoryCatalogue(IntakeProperties properties, ResourceLoader resources) {
        return new CategoryCatalogue(read(resources, properties.catalogue(), CatalogueFile.class).categories());
    }

    @Bean
    Gazetteer gazetteer(IntakeProperties properties, ResourceLoader resources) {
        return new Gazetteer(read(resources, properties.gazetteer(), GazetteerFile.class).villages());
    }

    @Bean
    PhoneProtector phoneProtector(IntakeProperties properties) {
        if (properties.phone() == null || properties.phone().encryptionKey() == null || properties.phone().hashKey() == null) {
            throw new IllegalStateException("township.intake.phone.encryption-key and hash-key must be configured");
        }
        return PhoneProtector.fromBase64(properties.phone().encryptionKey(), properties.phone().hashKey());
    }

    @Bean
    TicketStore ticketStore(MongoDatabase database, OutboxRelay relay, Clock clock) {
        return new TicketStore(database, relay, clock);
    }

    @Bean
    RepeatCallers repeatCallers(MongoDatabase database, IntakeProperties properties) {
        return new RepeatCallers(database, properties.repeatWindow(), properties.similarWindow());
    }

    @Bean
    TicketIntake ticketIntake(TicketStore store, CategoryCatalogue catalogue, Gazetteer gazetteer, PhoneProtector phones,
                              RepeatCallers repeatCallers, Clock clock) {
        return new TicketIntake(store, catalogue, gazetteer, phones, repeatCallers, clock);
    }

    @Bean
    FollowUps followUps(TicketStore store, Clock clock) {
        return new FollowUps(store, clock);
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(IntakeProperties properties) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodyBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static <T> T read(ResourceLoader resources, String location, Class<T> type) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return DATA.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read intake data file " + location, e);
        }
    }
}
