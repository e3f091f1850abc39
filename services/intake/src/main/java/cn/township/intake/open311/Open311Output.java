package cn.township.intake.open311;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes GeoReport v2 answers as JSON (an array of objects) or XML (a root element holding one element
 * per object; lists inside an object become a wrapper with one child per value), UTF-8 with the XML
 * declaration, as the spec requires.
 */
final class Open311Output {

    static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);
    static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final XMLOutputFactory XML_FACTORY = XMLOutputFactory.newFactory();
    private static final Map<String, String> SINGULAR = Map.of("formats", "format", "endpoints", "endpoint",
            "attributes", "attribute", "values", "value", "changeset", "change");

    private Open311Output() {
    }

    /** An answer: the XML root and item element names and the items. */
    record Answer(String root, String item, List<? extends Map<String, ?>> items) {
    }

    static ResponseEntity<String> render(String format, HttpStatus status, Answer answer) {
        return "xml".equals(format)
                ? ResponseEntity.status(status).contentType(XML).body(xml(answer))
                : ResponseEntity.status(status).contentType(JSON).body(MAPPER.writeValueAsString(answer.items()));
    }

    /** The discovery document is one object, not a list. */
    static ResponseEntity<String> renderObject(String format, String root, Map<String, ?> object) {
        if ("xml".equals(format)) {
            StringWriter out = new StringWriter();
            try {
                XMLStreamWriter w = XML_FACTORY.createXMLStreamWriter(out);
                w.writeStartDocument("UTF-8", "1.0");
                writeObject(w, root, object);
                w.writeEndDocument();
                w.close();
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
            return ResponseEntity.ok().contentType(XML).body(out.toString());
        }
        return ResponseEntity.ok().contentType(JSON).body(MAPPER.writeValueAsString(object));
    }

    private static String xml(Answer answer) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML_FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(answer.root());
            for (Map<String, ?> item : answer.items()) {
                writeObject(w, answer.item(), item);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void writeObject(XMLStreamWriter w, String name, Map<String, ?> object) throws XMLStreamException {
        w.writeStartElement(name);
        for (var entry : object.entrySet()) {
            writeValue(w, entry.getKey(), entry.getValue());
        }
        w.writeEndElement();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value instanceof Map<?, ?> map) {
            writeObject(w, name, (Map<String, ?>) map);
        } else if (value instanceof List<?> list) {
            w.writeStartElement(name);
            String child = SINGULAR.getOrDefault(name, "item");
            for (Object element : list) {
                writeValue(w, child, element);
            }
            w.writeEndElement();
        } else if (value == null) {
            w.writeEmptyElement(name);
        } else {
            w.writeStartElement(name);
            w.writeCharacters(String.valueOf(value));
            w.writeEndElement();
        }
    }
}
