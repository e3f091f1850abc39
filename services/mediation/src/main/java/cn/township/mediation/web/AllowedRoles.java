package cn.township.mediation.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The realm roles that may call an endpoint at all (DESIGN.md §5; the table in the README). Checked by
 * {@link RoleGate} before the request body is read, so a caller without one of them gets 403 whatever they send.
 * Data scope (which file, which session) is checked afterwards by the endpoint itself.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedRoles {

    String[] value();
}
