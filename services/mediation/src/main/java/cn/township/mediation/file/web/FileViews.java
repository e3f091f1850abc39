package cn.township.mediation.file.web;

import cn.township.mediation.file.MediationFile;
import cn.township.security.Caller;

/** The file view for other web packages (an outcome answers with the file it changed). */
public final class FileViews {

    private FileViews() {
    }

    public static Object of(Caller caller, MediationFile file) {
        return FileView.of(caller, file);
    }
}
