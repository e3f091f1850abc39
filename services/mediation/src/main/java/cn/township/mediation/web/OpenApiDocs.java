package cn.township.mediation.web;

import cn.township.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (public): every endpoint, all behind a bearer token of the realm.
 * The {@link Caller} parameter comes from the token, not from the request, so it is not documented as input.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocs {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI mediationApi() {
        return new OpenAPI()
                .info(new Info().title("mediation").version("v1")
                        .description("The legal mediation team: roster, mediation files, round-table sessions."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
