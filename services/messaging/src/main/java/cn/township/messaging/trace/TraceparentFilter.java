package cn.township.messaging.trace;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Takes {@code traceparent} (W3C) and {@code X-Request-Id} from the request so the events it causes carry them. */
public class TraceparentFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (TraceContext.Scope ignored = TraceContext.open(request.getHeader("traceparent"))) {
            String requestId = request.getHeader("X-Request-Id");
            response.setHeader("traceparent", TraceContext.current());
            if (requestId != null && requestId.length() <= 128) {
                response.setHeader("X-Request-Id", requestId);
            }
            chain.doFilter(request, response);
        }
    }
}
