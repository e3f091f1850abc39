package cn.township.dispatch.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an endpoint at all (some of them only for the records in their scope, which the
 * endpoint checks). Any other caller gets 403 before the request body is read. Every endpoint carries one.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface Allowed {
    String[] value();
}
