package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.Officer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    static {
        // the officer comes from the token, not from the request: keep it out of the OpenAPI parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Officer.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Officers());
    }
}
