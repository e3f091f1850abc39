package cn.township.messaging;

import cn.township.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.ArrayList;
import java.util.List;

/** Topics a service needs created: each topic it publishes or consumes, and its dead-letter topic. */
public final class MessagingTopics {

    private MessagingTopics() {
    }

    public static KafkaAdmin.NewTopics withDeadLetters(int partitions, String... topics) {
        List<NewTopic> all = new ArrayList<>();
        for (String topic : topics) {
            all.add(TopicBuilder.name(topic).partitions(partitions).build());
            all.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(1).build());
        }
        return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
    }
}
