package cn.township.mediation.scheduling.app;

import cn.township.mediation.Change;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.scheduling.persistence.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Turns due reminders into SessionReminderDue events. Durable: what is due lives in the session documents;
 * fire-once: the event and the SENT mark are one versioned write, so of several instances polling together
 * exactly one succeeds per reminder, and a crash before the write just means the next poll sends it.
 */
@Component
class ReminderPoller {

    private static final Logger log = LoggerFactory.getLogger(ReminderPoller.class);

    private final SessionStore sessions;
    private final Clock clock;

    ReminderPoller(SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${township.mediation.reminder-poll:PT15S}")
    void poll() {
        try {
            var now = clock.instant();
            for (Session due : sessions.remindersDue(now, 200)) {
                Change<Session> change = due.remind(now);
                sessions.update(change.state(), change.events());
            }
        } catch (RuntimeException e) {
            log.warn("reminder poll failed, will retry: {}", e.toString());
        }
    }
}
