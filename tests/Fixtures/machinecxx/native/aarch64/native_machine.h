// The "prebuilt native part" for aarch64: the setup script picks this folder by platform.machine().
#define NATIVE_FOLDER "aarch64"
