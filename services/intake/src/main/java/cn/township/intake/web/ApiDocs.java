package cn.township.intake.web;

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
 * The OpenAPI document at {@code /v3/api-docs}: Keycloak bearer tokens for {@code /api/**}; the Open311 paths
 * are public (they override the requirement with none). The {@link Caller} parameter comes from the token, not
 * from the request, so it is not documented as one.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String BEARER = "keycloak";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI intakeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("intake").version("v1")
                        .description("Tickets from 12345, grid workers and Open311. /api/** needs a bearer token of "
                                + "the Keycloak realm township; /open311/v2/** is public."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
