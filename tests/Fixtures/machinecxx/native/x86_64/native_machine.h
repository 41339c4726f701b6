// The "prebuilt native part" for x86_64: the setup script picks this folder by platform.machine().
#define NATIVE_FOLDER "x86_64"
