/**
 * The component inventory behind the demo SBOMs in `sboms/` (fictional manufacturer, real
 * open-source components at real historical versions, many with well-known CVEs).
 *
 * Each device software item is a list of sections; a section is one ecosystem (how purls are
 * built), optionally nested under a parent component. Each line of a section's table is
 *
 *   name | old version | new version | licence | cpe | support | depends on | supplier
 *
 * - name: maven `group:artifact`, npm `@scope/name`, deb/rpm `binary<source` (source when it differs)
 * - versions: the version in the device's older and newer release; `-` = not in that release
 * - licence: an SPDX id, an SPDX expression (contains a space), or `~Free text name`
 * - cpe: `vendor:product` (part a) or `o:vendor:product`, empty for none
 * - support: empty (the section default), `level`, `level@YYYY-MM-DD` or `@YYYY-MM-DD`
 * - depends on: names of other lines of the same SBOM, comma-separated
 * - supplier: empty for the section default
 *
 * Versions, licences and CPE vendor/product pairs were chosen to match the public records (NVD
 * CPE dictionary, distribution archives); hashes in the generated files are synthetic.
 */

export type Ecosystem = 'generic' | 'github' | 'conan' | 'deb' | 'rpm' | 'maven' | 'npm' | 'pypi' | 'nuget' | 'in-house';

export interface CatalogSection {
  readonly ecosystem: Ecosystem;
  /** Component type for the lines (default `library`). */
  readonly type?: 'library' | 'framework' | 'application' | 'firmware' | 'operating-system' | 'file';
  /** A parent component the lines are nested under (CycloneDX `components[].components[]`). */
  readonly parent?: { readonly name: string; readonly type: 'application' | 'firmware' | 'framework'; readonly versions: readonly [string, string]; readonly description: string };
  readonly supplier: string;
  /** e.g. `github:FreeRTOS` for github purls (namespace), deb/rpm distro namespace. */
  readonly namespace?: string;
  /** purl qualifiers per release, e.g. distro and arch. */
  readonly qualifiers?: readonly [Record<string, string>, Record<string, string>];
  readonly defaultSupport: readonly [string, string];
  readonly defaultEndOfSupport?: readonly [string | null, string | null];
  /** Lines get hashes (built by Northwind, so the hash is of Northwind's build). */
  readonly hashes?: boolean;
  readonly scope?: 'required' | 'optional' | 'excluded';
  readonly table: string;
}

export interface CatalogSbom {
  readonly device: string;
  readonly label: 'firmware' | 'operating-system' | 'application' | 'other';
  readonly subject: { readonly name: string; readonly type: 'firmware' | 'operating-system' | 'application' | 'device'; readonly description: string };
  /** CycloneDX version per release (old, new). */
  readonly specVersions: readonly [string, string];
  readonly sections: readonly CatalogSection[];
}

const MAINTAINED = 'actively maintained';
const NORTHWIND = 'Northwind Medical, Inc.';

// ------------------------------------------------------------------------------------------
// Aurora IP-300 infusion pump: embedded Linux (Yocto dunfell → kirkstone) + pump application

const pumpFirmware: CatalogSbom = {
  device: 'aurora-infusion-pump',
  label: 'firmware',
  subject: { name: 'Aurora IP-300 firmware image', type: 'firmware', description: 'Signed firmware image of the Aurora IP-300 infusion pump main controller (NXP i.MX 6ULL), built with Yocto.' },
  specVersions: ['1.6', '1.6'],
  sections: [
    {
      ecosystem: 'generic',
      type: 'firmware',
      parent: { name: 'aurora-boot-chain', type: 'firmware', versions: ['3.1.0', '3.4.2'], description: 'Secure boot chain: TF-A, OP-TEE and U-Boot' },
      supplier: NORTHWIND,
      defaultSupport: [MAINTAINED, MAINTAINED],
      hashes: true,
      table: `
        trusted-firmware-a | 2.3 | 2.6 | BSD-3-Clause | arm:trusted_firmware-a | | | Arm Limited
        optee-os | 3.11.0 | 3.18.0 | BSD-2-Clause | linaro:op-tee | | | Linaro
        u-boot | 2020.10 | 2022.04 | GPL-2.0-or-later | denx:u-boot | | | DENX Software Engineering
      `,
    },
    {
      ecosystem: 'generic',
      type: 'operating-system',
      supplier: 'The Linux Foundation',
      defaultSupport: [MAINTAINED, MAINTAINED],
      defaultEndOfSupport: ['2025-12-31', '2027-10-31'],
      hashes: true,
      table: `
        linux-kernel | 5.4.120 | 5.15.120 | GPL-2.0-only WITH Linux-syscall-note | o:linux:linux_kernel | | | The Linux Foundation
      `,
    },
    {
      ecosystem: 'generic',
      parent: { name: 'aurora-rootfs', type: 'firmware', versions: ['3.1.0', '3.4.2'], description: 'Read-only root file system (Yocto core-image-minimal derivative)' },
      supplier: NORTHWIND,
      defaultSupport: [MAINTAINED, MAINTAINED],
      hashes: true,
      table: `
        glibc | 2.31 | 2.35 | LGPL-2.1-or-later | gnu:glibc | | | GNU Project
        busybox | 1.33.0 | 1.35.0 | GPL-2.0-only | busybox:busybox | | glibc | BusyBox project
        openssl | 1.1.1k | 3.0.10 | OpenSSL | openssl:openssl | ${MAINTAINED}@2023-09-11 | glibc | OpenSSL Software Foundation
        zlib | 1.2.11 | 1.2.13 | Zlib | zlib:zlib | | glibc | Jean-loup Gailly and Mark Adler
        dropbear | 2020.81 | 2022.83 | MIT | dropbear_ssh_project:dropbear_ssh | | zlib,glibc | Matt Johnston
        curl | 7.76.1 | 8.4.0 | curl | haxx:curl | | openssl,zlib | Daniel Stenberg
        libxml2 | 2.9.10 | 2.10.4 | MIT | xmlsoft:libxml2 | | zlib | GNOME Project
        sqlite | 3.34.1 | 3.38.5 | blessing | sqlite:sqlite | | glibc | SQLite Consortium
        expat | 2.2.10 | 2.5.0 | MIT | libexpat_project:libexpat | | | libexpat project
        wpa-supplicant | 2.9 | 2.10 | BSD-3-Clause | w1.fi:wpa_supplicant | | openssl,libnl,dbus | Jouni Malinen
        bluez | 5.55 | 5.64 | GPL-2.0-or-later | bluez:bluez | | dbus,glibc | BlueZ project
        dbus | 1.12.20 | 1.14.8 | AFL-2.1 OR GPL-2.0-or-later | freedesktop:dbus | | expat | freedesktop.org
        iptables | 1.8.7 | 1.8.7 | GPL-2.0-only | netfilter:iptables | | | Netfilter project
        lighttpd | 1.4.59 | 1.4.67 | BSD-3-Clause | lighttpd:lighttpd | | openssl,pcre2,zlib | lighttpd project
        pcre2 | 10.34 | 10.40 | BSD-3-Clause | pcre:pcre2 | | | Philip Hazel
        ncurses | 6.2 | 6.3 | MIT | gnu:ncurses | | | GNU Project
        readline | 8.0 | 8.1.2 | GPL-3.0-or-later | gnu:readline | | ncurses | GNU Project
        util-linux | 2.35.2 | 2.37.4 | GPL-2.0-or-later | kernel:util-linux | | | util-linux project
        e2fsprogs | 1.45.7 | 1.46.5 | GPL-2.0-only | e2fsprogs_project:e2fsprogs | | util-linux | Theodore Ts'o
        libstdc++ | 9.3.0 | 11.4.0 | GPL-3.0-only WITH GCC-exception-3.1 | gnu:gcc | | glibc | GNU Project
        json-c | 0.13.1 | 0.16 | MIT | json-c_project:json-c | | | json-c project
        libffi | 3.3 | 3.4.4 | MIT | libffi_project:libffi | | | libffi project
        libnl | 3.5.0 | 3.5.0 | LGPL-2.1-only | libnl_project:libnl | | | Thomas Graf
        libcap | 2.32 | 2.66 | BSD-3-Clause OR GPL-2.0-only | libcap_project:libcap | | | libcap project
        attr | 2.4.48 | 2.5.1 | LGPL-2.1-or-later | attr_project:attr | | | Savannah attr project
        acl | 2.2.53 | 2.3.1 | LGPL-2.1-or-later | acl_project:acl | | attr | Savannah acl project
        kmod | 27 | 29 | LGPL-2.1-or-later | kernel:kmod | | zlib,openssl | kmod project
        eudev | 3.2.9 | 3.2.11 | GPL-2.0-or-later | | | kmod | Gentoo eudev project
        libusb | 1.0.23 | 1.0.26 | LGPL-2.1-or-later | libusb:libusb | | | libusb project
        mtd-utils | 2.1.2 | 2.1.4 | GPL-2.0-only | | | zlib | Linux MTD project
        i2c-tools | 4.1 | 4.3 | GPL-2.0-or-later | | | | Linux i2c project
        can-utils | 2020.02.04 | 2021.08.0 | GPL-2.0-only OR BSD-3-Clause | | | | Linux CAN project
        mosquitto | 1.6.12 | 2.0.15 | EPL-2.0 OR BSD-3-Clause | eclipse:mosquitto | | openssl | Eclipse Foundation
        chrony | 3.5 | 4.2 | GPL-2.0-only | tuxfamily:chrony | | libcap | chrony project
        logrotate | 3.15.1 | 3.20.1 | GPL-2.0-or-later | logrotate_project:logrotate | | | logrotate project
        ca-certificates | 20211016 | 20230311 | MPL-2.0 | | | | Debian / Mozilla CA program
        tzdata | 2021a | 2023c | ~Public domain | | | | IANA
      `,
    },
  ],
};

const pumpApplication: CatalogSbom = {
  device: 'aurora-infusion-pump',
  label: 'application',
  subject: { name: 'Aurora IP-300 pump application', type: 'application', description: 'Pump control, dose error reduction and connectivity services (C++17).' },
  specVersions: ['1.6', '1.6'],
  sections: [
    {
      ecosystem: 'in-house',
      type: 'application',
      supplier: NORTHWIND,
      defaultSupport: [MAINTAINED, MAINTAINED],
      defaultEndOfSupport: ['2025-12-31', '2031-09-30'],
      hashes: true,
      table: `
        pump-control-daemon | 3.1.0 | 3.4.2 | ~Northwind Medical proprietary | | | dose-error-reduction,drug-library-manager,boost,protobuf,spdlog,sqlite3,libmodbus
        dose-error-reduction | 2.0.4 | 2.3.0 | ~Northwind Medical proprietary | | | nlohmann_json,sqlite3
        drug-library-manager | 1.8.2 | 1.9.0 | ~Northwind Medical proprietary | | | sqlite3,openssl,zlib,nlohmann_json
        pump-ui | 3.1.0 | 3.4.2 | ~Northwind Medical proprietary | | | lvgl,freetype,libpng,fmt
        hl7-gateway | 1.2.0 | 1.4.1 | ~Northwind Medical proprietary | | | paho-mqtt-c,openssl,libcurl,tinyxml2,libuv,cppzmq
      `,
    },
    {
      ecosystem: 'conan',
      supplier: 'ConanCenter',
      defaultSupport: [MAINTAINED, MAINTAINED],
      hashes: true,
      table: `
        boost | 1.75.0 | 1.81.0 | BSL-1.0 | boost:boost | | | Boost.org
        protobuf | 3.15.8 | 3.21.12 | BSD-3-Clause | google:protobuf | | zlib | Google LLC
        nlohmann_json | 3.9.1 | 3.11.2 | MIT | | | | Niels Lohmann
        paho-mqtt-c | 1.3.8 | 1.3.12 | EPL-2.0 | eclipse:paho_mqtt_c_client | | openssl | Eclipse Foundation
        spdlog | 1.8.5 | 1.11.0 | MIT | | | fmt | Gabi Melman
        fmt | 7.1.3 | 9.1.0 | MIT | fmt:fmt | | | Victor Zverovich
        sqlite3 | 3.35.5 | 3.41.2 | blessing | sqlite:sqlite | | | SQLite Consortium
        openssl | 1.1.1k | 3.0.10 | OpenSSL | openssl:openssl | ${MAINTAINED}@2023-09-11 | zlib | OpenSSL Software Foundation
        zlib | 1.2.11 | 1.2.13 | Zlib | zlib:zlib | | | Jean-loup Gailly and Mark Adler
        libcurl | 7.76.1 | 8.4.0 | curl | haxx:curl | | openssl,zlib | Daniel Stenberg
        libpng | 1.6.37 | 1.6.39 | libpng-2.0 | libpng:libpng | | zlib | PNG Development Group
        freetype | 2.10.4 | 2.13.0 | FTL OR GPL-2.0-or-later | freetype:freetype | | zlib,libpng | The FreeType Project
        lvgl | 7.11.0 | 8.3.7 | MIT | lvgl:lvgl | | | LVGL LLC
        libmodbus | 3.1.6 | 3.1.10 | LGPL-2.1-or-later | libmodbus:libmodbus | | | Stéphane Raimbault
        cjson | 1.7.14 | 1.7.15 | MIT | cjson_project:cjson | | | Dave Gamble
        tinyxml2 | 8.0.0 | 9.0.0 | Zlib | tinyxml2_project:tinyxml2 | | | Lee Thomason
        libsodium | 1.0.18 | 1.0.18 | ISC | libsodium_project:libsodium | | | Frank Denis
        date | 3.0.0 | 3.0.1 | MIT | | | | Howard Hinnant
        magic_enum | 0.7.2 | 0.8.2 | MIT | | | | Daniil Goncharov
        expected-lite | 0.5.0 | 0.6.3 | BSL-1.0 | | | | Martin Moene
        libuv | 1.41.0 | 1.44.2 | MIT | libuv:libuv | | | libuv project
        cli11 | 1.9.1 | 2.3.2 | BSD-3-Clause | | | | CLIUtils
        zeromq | 4.3.3 | 4.3.4 | MPL-2.0 | zeromq:libzmq | | libsodium | ZeroMQ authors
        cppzmq | 4.7.1 | 4.9.0 | MIT | | | zeromq | ZeroMQ authors
      `,
    },
    {
      ecosystem: 'conan',
      supplier: 'ConanCenter',
      defaultSupport: [MAINTAINED, MAINTAINED],
      scope: 'excluded',
      table: `
        gtest | 1.10.0 | 1.13.0 | BSD-3-Clause | | | | Google LLC
        catch2 | 2.13.4 | 3.3.2 | BSL-1.0 | | | | Catch2 authors
      `,
    },
  ],
};

// ------------------------------------------------------------------------------------------
// Vitalis PM-8 patient monitor: measurement MCU (FreeRTOS) + display board (Debian) + apps

const monitorFirmware: CatalogSbom = {
  device: 'vitalis-patient-monitor',
  label: 'firmware',
  subject: { name: 'Vitalis PM-8 firmware bundle', type: 'firmware', description: 'Firmware of the measurement module (STM32H7, FreeRTOS), the Wi-Fi/BLE coprocessor and the display board boot chain.' },
  specVersions: ['1.5', '1.6'],
  sections: [
    {
      ecosystem: 'github',
      parent: { name: 'vitalis-measurement-module', type: 'firmware', versions: ['2.2.1', '2.5.0'], description: 'ECG/SpO2/NIBP acquisition firmware on STM32H743' },
      supplier: NORTHWIND,
      defaultSupport: [MAINTAINED, MAINTAINED],
      hashes: true,
      table: `
        FreeRTOS/FreeRTOS-Kernel | V10.4.3 | V10.5.1 | MIT | o:amazon:freertos | | | Amazon Web Services
        FreeRTOS/FreeRTOS-Plus-TCP | V2.3.2 | V3.1.0 | MIT | amazon:freertos-plus-tcp | | FreeRTOS/FreeRTOS-Kernel | Amazon Web Services
        Mbed-TLS/mbedtls | v2.16.9 | v2.28.3 | Apache-2.0 | arm:mbed_tls | no longer maintained@2021-12-31 | | Arm Limited
        ARM-software/CMSIS_5 | 5.7.0 | 5.9.0 | Apache-2.0 | | | | Arm Limited
        ARM-software/CMSIS-DSP | v1.8.0 | v1.14.4 | Apache-2.0 | | | ARM-software/CMSIS_5 | Arm Limited
        STMicroelectronics/STM32CubeH7 | v1.9.0 | v1.11.0 | BSD-3-Clause | | | ARM-software/CMSIS_5 | STMicroelectronics
        abbrev/fatfs | R0.14a | R0.15 | ~FatFs License | | | | ChaN
        littlefs-project/littlefs | v2.3.0 | v2.5.1 | BSD-3-Clause | | | | littlefs project
        DaveGamble/cJSON | v1.7.14 | v1.7.15 | MIT | cjson_project:cjson | | | Dave Gamble
        nanopb/nanopb | 0.4.4 | 0.4.7 | Zlib | nanopb_project:nanopb | | | Petteri Aimonen
        intel/tinycbor | v0.5.3 | v0.6.0 | MIT | | | | Intel Corporation
        kmackay/micro-ecc | v1.0 | v1.1 | BSD-2-Clause | | abandoned | | Kenneth MacKay
        SEGGERMicro/RTT | V7.22 | V7.88 | BSD-1-Clause | | | | SEGGER Microcontroller GmbH
        hathach/tinyusb | 0.9.0 | 0.15.0 | MIT | | | | tinyusb project
        mpaland/printf | v4.0.0 | v4.0.0 | MIT | | abandoned | | Marco Paland
        atomicobject/heatshrink | v0.4.1 | v0.4.1 | ISC | | no longer maintained | | Atomic Object
        mcu-tools/mcuboot | v1.7.2 | v1.10.0 | Apache-2.0 | mcuboot:mcuboot | | Mbed-TLS/mbedtls | MCUboot project
      `,
    },
    {
      ecosystem: 'in-house',
      parent: { name: 'vitalis-measurement-module', type: 'firmware', versions: ['2.2.1', '2.5.0'], description: 'ECG/SpO2/NIBP acquisition firmware on STM32H743' },
      supplier: NORTHWIND,
      defaultSupport: [MAINTAINED, MAINTAINED],
      hashes: true,
      table: `
        ecg-analysis | 4.1.0 | 4.6.0 | ~Northwind Medical proprietary | | | ARM-software/CMSIS-DSP
        spo2-analysis | 2.0.3 | 2.2.0 | ~Northwind Medical proprietary | | | ARM-software/CMSIS-DSP
        nibp-controller | 1.6.0 | 1.7.1 | ~Northwind Medical proprietary | | | FreeRTOS/FreeRTOS-Kernel
      `,
    },
    {
      ecosystem: 'github',
      parent: { name: 'vitalis-radio-coprocessor', type: 'firmware', versions: ['2.1.0.0', '2.4.0.0'], description: 'ESP32 Wi-Fi/BLE coprocessor running ESP-AT' },
      supplier: 'Espressif Systems',
      defaultSupport: [MAINTAINED, MAINTAINED],
      hashes: true,
      table: `
        espressif/esp-at | v2.1.0.0 | v2.4.0.0 | Apache-2.0 | | | espressif/esp-idf
        espressif/esp-idf | v4.2 | v4.4.4 | Apache-2.0 | espressif:esp-idf | | apache/mynewt-nimble
        apache/mynewt-nimble | nimble_1_3_0_tag | nimble_1_5_0_tag | Apache-2.0 | apache:nimble | | | The Apache Software Foundation
      `,
    },
    {
      ecosystem: 'generic',
      parent: { name: 'vitalis-display-boot', type: 'firmware', versions: ['2.2.1', '2.5.0'], description: 'Display board (NXP i.MX 8M Mini) boot chain and kernel' },
      supplier: NORTHWIND,
      defaultSupport: [MAINTAINED, MAINTAINED],
      hashes: true,
      table: `
        trusted-firmware-a | 2.2 | 2.8 | BSD-3-Clause | arm:trusted_firmware-a | | | Arm Limited
        optee-os | 3.8.0 | 3.19.0 | BSD-2-Clause | linaro:op-tee | | | Linaro
        u-boot | 2019.07 | 2022.04 | GPL-2.0-or-later | denx:u-boot | | | DENX Software Engineering
        linux-kernel | 4.19.94 | 5.10.168 | GPL-2.0-only WITH Linux-syscall-note | o:linux:linux_kernel | | | The Linux Foundation
        firmware-imx | 8.8 | 8.18 | ~NXP Software License Agreement | | | | NXP Semiconductors
      `,
    },
  ],
};

const debianQualifiers = [
  { arch: 'arm64', distro: 'debian-10' },
  { arch: 'arm64', distro: 'debian-11' },
] as const;

const monitorOs: CatalogSbom = {
  device: 'vitalis-patient-monitor',
  label: 'operating-system',
  subject: { name: 'Vitalis PM-8 display board OS', type: 'operating-system', description: 'Debian-based root file system of the display board (Debian 10 buster, then Debian 11 bullseye).' },
  specVersions: ['1.6', '1.6'],
  sections: [
    {
      ecosystem: 'deb',
      namespace: 'debian',
      qualifiers: debianQualifiers,
      supplier: 'Debian Project',
      defaultSupport: [MAINTAINED, MAINTAINED],
      defaultEndOfSupport: ['2024-06-30', '2026-08-31'],
      table: `
        base-files | 10.3+deb10u9 | 11.1+deb11u7 | GPL-2.0-or-later
        bash | 5.0-4 | 5.1-2+deb11u1 | GPL-3.0-or-later | gnu:bash | | libc6,libtinfo6
        coreutils | 8.30-3 | 8.32-4+b1 | GPL-3.0-or-later | gnu:coreutils | | libc6,libselinux1
        libc6<glibc | 2.28-10 | 2.31-13+deb11u6 | LGPL-2.1-or-later | gnu:glibc
        libssl1.1<openssl | 1.1.1d-0+deb10u5 | 1.1.1n-0+deb11u5 | OpenSSL | openssl:openssl | | libc6
        openssl | 1.1.1d-0+deb10u5 | 1.1.1n-0+deb11u5 | OpenSSL | openssl:openssl | | libssl1.1
        zlib1g<zlib | 1:1.2.11.dfsg-1 | 1:1.2.11.dfsg-2+deb11u2 | Zlib | zlib:zlib | | libc6
        libsqlite3-0<sqlite3 | 3.27.2-3+deb10u1 | 3.34.1-3 | blessing | sqlite:sqlite | | libc6
        libexpat1<expat | 2.2.6-2+deb10u1 | 2.2.10-2+deb11u5 | MIT | libexpat_project:libexpat | | libc6
        libxml2 | 2.9.4+dfsg1-7+deb10u1 | 2.9.10+dfsg-6.7+deb11u4 | MIT | xmlsoft:libxml2 | | zlib1g,liblzma5
        libcurl4<curl | 7.64.0-4+deb10u1 | 7.74.0-1.3+deb11u7 | curl | haxx:curl | | libssl1.1,zlib1g,libnghttp2-14,libssh2-1,libidn2-0,libpsl5,libldap-2.4-2
        curl | 7.64.0-4+deb10u1 | 7.74.0-1.3+deb11u7 | curl | haxx:curl | | libcurl4
        openssh-server<openssh | 1:7.9p1-10+deb10u2 | 1:8.4p1-5+deb11u1 | BSD-2-Clause | openbsd:openssh | | openssh-client,libssl1.1,libpam0g,libsystemd0
        openssh-client<openssh | 1:7.9p1-10+deb10u2 | 1:8.4p1-5+deb11u1 | BSD-2-Clause | openbsd:openssh | | libssl1.1,zlib1g
        sudo | 1.8.27-1+deb10u2 | 1.9.5p2-3+deb11u1 | ISC | sudo_project:sudo | | libpam0g,libaudit1,libselinux1
        policykit-1 | 0.105-25 | 0.105-31+deb11u1 | LGPL-2.0-or-later | polkit_project:polkit | | libglib2.0-0,libsystemd0,libpam0g,libexpat1
        systemd | 241-7~deb10u5 | 247.3-7+deb11u2 | LGPL-2.1-or-later | systemd_project:systemd | | libsystemd0,libudev1,libc6,libcap2,libseccomp2,libselinux1
        libsystemd0<systemd | 241-7~deb10u5 | 247.3-7+deb11u2 | LGPL-2.1-or-later | systemd_project:systemd | | libc6,liblzma5,libgcrypt20
        libudev1<systemd | 241-7~deb10u5 | 247.3-7+deb11u2 | LGPL-2.1-or-later | systemd_project:systemd | | libc6
        udev<systemd | 241-7~deb10u5 | 247.3-7+deb11u2 | GPL-2.0-or-later | systemd_project:systemd | | libudev1
        dbus | 1.12.20-0+deb10u1 | 1.12.24-0+deb11u1 | AFL-2.1 OR GPL-2.0-or-later | freedesktop:dbus | | libexpat1,libsystemd0
        libglib2.0-0<glib2.0 | 2.58.3-2+deb10u2 | 2.66.8-1 | LGPL-2.1-or-later | gnome:glib | | libffi6,libffi7,libpcre3,zlib1g,libmount1,libselinux1
        libgnutls30<gnutls28 | 3.6.7-4+deb10u5 | 3.7.1-5+deb11u3 | LGPL-2.1-or-later | gnu:gnutls | | libnettle6,libnettle8,libp11-kit0,libtasn1-6,libidn2-0,libunistring2
        libgcrypt20 | 1.8.4-5 | 1.8.7-6 | LGPL-2.1-or-later | gnupg:libgcrypt | | libc6
        libnettle6<nettle | 3.4.1-1 | - | LGPL-3.0-or-later OR GPL-2.0-or-later | nettle_project:nettle
        libnettle8<nettle | - | 3.7.3-1 | LGPL-3.0-or-later OR GPL-2.0-or-later | nettle_project:nettle
        libpng16-16<libpng1.6 | 1.6.36-6 | 1.6.37-3 | libpng-2.0 | libpng:libpng | | zlib1g
        libjpeg62-turbo<libjpeg-turbo | 1:1.5.2-2+b1 | 1:2.0.6-4 | IJG AND BSD-3-Clause AND Zlib | libjpeg-turbo:libjpeg-turbo
        libfreetype6<freetype | 2.9.1-3+deb10u2 | 2.10.4+dfsg-1+deb11u1 | FTL OR GPL-2.0-or-later | freetype:freetype | | libpng16-16,zlib1g
        libfontconfig1<fontconfig | 2.13.1-2 | 2.13.1-4.2 | MIT | fontconfig_project:fontconfig | | libfreetype6,libexpat1
        libqt5core5a<qtbase-opensource-src | 5.11.3+dfsg1-1+deb10u4 | 5.15.2+dfsg-9 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libglib2.0-0,zlib1g,libstdc++6,libpcre2-16-0
        libqt5gui5<qtbase-opensource-src | 5.11.3+dfsg1-1+deb10u4 | 5.15.2+dfsg-9 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5core5a,libpng16-16,libjpeg62-turbo,libfreetype6,libfontconfig1,libdrm2,libgbm1,libinput10
        libqt5widgets5<qtbase-opensource-src | 5.11.3+dfsg1-1+deb10u4 | 5.15.2+dfsg-9 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5gui5
        libqt5network5<qtbase-opensource-src | 5.11.3+dfsg1-1+deb10u4 | 5.15.2+dfsg-9 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5core5a,libssl1.1
        libqt5dbus5<qtbase-opensource-src | 5.11.3+dfsg1-1+deb10u4 | 5.15.2+dfsg-9 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5core5a,dbus
        libqt5serialport5<qtserialport-opensource-src | 5.11.3-2 | 5.15.2-2 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5core5a
        libqt5qml5<qtdeclarative-opensource-src | 5.11.3-4 | 5.15.2+dfsg-6 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5core5a,libqt5network5
        libqt5quick5<qtdeclarative-opensource-src | 5.11.3-4 | 5.15.2+dfsg-6 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5qml5,libqt5gui5
        libqt5svg5<qtsvg-opensource-src | 5.11.3-2 | 5.15.2-3 | LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only | qt:qt | | libqt5gui5
        libpcre2-16-0<pcre2 | 10.32-5 | 10.36-2+deb11u1 | BSD-3-Clause | pcre:pcre2
        libdrm2<libdrm | 2.4.97-1 | 2.4.104-1 | MIT | libdrm_project:libdrm
        libgbm1<mesa | 18.3.6-2+deb10u1 | 20.3.5-1 | MIT | mesa3d:mesa | | libdrm2,libwayland-client0
        libinput10<libinput | 1.12.6-2+deb10u1 | 1.16.4-3 | MIT | freedesktop:libinput | | libudev1
        libwayland-client0<wayland | 1.16.0-1 | 1.18.0-2~exp1.1 | MIT | wayland:wayland | | libffi6,libffi7
        python3.7 | 3.7.3-2+deb10u3 | - | PSF-2.0 | python:python | ${MAINTAINED}@2023-06-27 | libpython3.7-stdlib
        libpython3.7-stdlib<python3.7 | 3.7.3-2+deb10u3 | - | PSF-2.0 | python:python | ${MAINTAINED}@2023-06-27 | libssl1.1,libsqlite3-0,libffi6,libexpat1
        python3.9 | - | 3.9.2-1 | PSF-2.0 | python:python | ${MAINTAINED}@2025-10-31 | libpython3.9-stdlib
        libpython3.9-stdlib<python3.9 | - | 3.9.2-1 | PSF-2.0 | python:python | ${MAINTAINED}@2025-10-31 | libssl1.1,libsqlite3-0,libffi7,libexpat1
        libffi6<libffi | 3.2.1-9 | - | MIT | libffi_project:libffi
        libffi7<libffi | - | 3.3-6 | MIT | libffi_project:libffi
        tzdata | 2021a-0+deb10u1 | 2021a-1+deb11u10 | ~Public domain
        ca-certificates | 20200601~deb10u2 | 20210119 | MPL-2.0 | | | openssl
        libpam0g<pam | 1.3.1-5 | 1.4.0-9+deb11u1 | BSD-3-Clause OR GPL-2.0-or-later | linux-pam:linux-pam | | libaudit1,libselinux1
        libpam-modules<pam | 1.3.1-5 | 1.4.0-9+deb11u1 | BSD-3-Clause OR GPL-2.0-or-later | linux-pam:linux-pam | | libpam0g
        login<shadow | 1:4.5-1.1 | 1:4.8.1-1 | BSD-3-Clause | shadow_project:shadow | | libpam0g
        passwd<shadow | 1:4.5-1.1 | 1:4.8.1-1 | BSD-3-Clause | shadow_project:shadow | | libpam0g,libselinux1
        util-linux | 2.33.1-0.1 | 2.36.1-8+deb11u1 | GPL-2.0-or-later | kernel:util-linux | | libblkid1,libmount1,libuuid1
        libblkid1<util-linux | 2.33.1-0.1 | 2.36.1-8+deb11u1 | LGPL-2.1-or-later | kernel:util-linux | | libuuid1
        libmount1<util-linux | 2.33.1-0.1 | 2.36.1-8+deb11u1 | LGPL-2.1-or-later | kernel:util-linux | | libblkid1,libselinux1
        libuuid1<util-linux | 2.33.1-0.1 | 2.36.1-8+deb11u1 | BSD-3-Clause | kernel:util-linux
        e2fsprogs | 1.44.5-1+deb10u3 | 1.46.2-2 | GPL-2.0-only | e2fsprogs_project:e2fsprogs | | libblkid1,libuuid1
        procps | 2:3.3.15-2 | 2:3.3.17-5 | GPL-2.0-or-later | procps-ng_project:procps-ng | | libsystemd0
        iproute2 | 4.20.0-2+deb10u1 | 5.10.0-4 | GPL-2.0-or-later | iproute2_project:iproute2 | | libselinux1,libcap2
        iptables | 1.8.2-4 | 1.8.7-1 | GPL-2.0-only | netfilter:iptables
        wpasupplicant<wpa | 2:2.7+git20190128+0c1e29f-6+deb10u3 | 2:2.9.0-21 | BSD-3-Clause | w1.fi:wpa_supplicant | | libssl1.1,dbus
        bluez | 5.50-1.2~deb10u1 | 5.55-3.1 | GPL-2.0-or-later | bluez:bluez | | dbus,libglib2.0-0,libudev1
        chrony | 3.4-4 | 4.0-8+deb11u2 | GPL-2.0-only | tuxfamily:chrony | | libcap2,libseccomp2,libnettle6,libnettle8
        rsyslog | 8.1901.0-1 | 8.2102.0-2+deb11u1 | GPL-3.0-or-later AND Apache-2.0 | rsyslog:rsyslog | | libsystemd0,zlib1g
        logrotate | 3.14.0-4 | 3.18.0-2+deb11u1 | GPL-2.0-or-later | logrotate_project:logrotate | | libselinux1
        gzip | 1.9-3 | 1.10-4+deb11u1 | GPL-3.0-or-later | gnu:gzip
        tar | 1.30+dfsg-6 | 1.34+dfsg-1 | GPL-3.0-or-later | gnu:tar | | libselinux1
        liblzma5<xz-utils | 5.2.4-1 | 5.2.5-2.1~deb11u1 | ~Public domain | tukaani:xz
        libbz2-1.0<bzip2 | 1.0.6-9.2~deb10u1 | 1.0.8-4 | bzip2-1.0.6 | bzip:bzip2
        libzstd1<libzstd | 1.3.8+dfsg-3+deb10u2 | 1.4.8+dfsg-2.1 | BSD-3-Clause OR GPL-2.0-only | facebook:zstandard
        libpcre3<pcre3 | 2:8.39-12 | 2:8.39-13 | BSD-3-Clause | pcre:pcre
        libstdc++6<gcc-8 | 8.3.0-6 | - | GPL-3.0-only WITH GCC-exception-3.1 | gnu:gcc
        libstdc++6<gcc-10 | - | 10.2.1-6 | GPL-3.0-only WITH GCC-exception-3.1 | gnu:gcc
        libtinfo6<ncurses | 6.1+20181013-2+deb10u2 | 6.2+20201114-2 | MIT | gnu:ncurses
        libreadline7<readline | 7.0-5 | - | GPL-3.0-or-later | gnu:readline | | libtinfo6
        libreadline8<readline | - | 8.1-1 | GPL-3.0-or-later | gnu:readline | | libtinfo6
        apt | 1.8.2.3 | 2.2.4 | GPL-2.0-or-later | debian:advanced_package_tool | | libc6,libstdc++6,zlib1g,libbz2-1.0,liblzma5,libzstd1,libgcrypt20,libsystemd0
        dpkg | 1.19.7 | 1.20.12 | GPL-2.0-or-later | debian:dpkg | | libselinux1,zlib1g,liblzma5,libbz2-1.0
        gpgv<gnupg2 | 2.2.12-1+deb10u1 | 2.2.27-2+deb11u2 | GPL-3.0-or-later | gnupg:gnupg | | libgcrypt20,libbz2-1.0,zlib1g
        perl-base<perl | 5.28.1-6+deb10u1 | 5.32.1-4+deb11u2 | Artistic-1.0-Perl OR GPL-1.0-or-later | perl:perl
        libkrb5-3<krb5 | 1.17-3+deb10u1 | 1.18.3-6+deb11u3 | MIT | mit:kerberos_5 | | libssl1.1
        libldap-2.4-2<openldap | 2.4.47+dfsg-3+deb10u6 | 2.4.57+dfsg-3+deb11u1 | OLDAP-2.8 | openldap:openldap | | libgnutls30,libsasl2-2
        libsasl2-2<cyrus-sasl2 | 2.1.27+dfsg-1+deb10u1 | 2.1.27+dfsg-2.1+deb11u1 | BSD-3-Clause-Attribution | cyrusimap:cyrus-sasl
        libssh2-1<libssh2 | 1.8.0-2.1 | 1.9.0-2 | BSD-3-Clause | libssh2:libssh2 | | libgcrypt20,zlib1g
        libnghttp2-14<nghttp2 | 1.36.0-2+deb10u1 | 1.43.0-1 | MIT | nghttp2:nghttp2
        libpsl5<libpsl | 0.20.2-2 | 0.21.0-1.2 | MIT | libpsl_project:libpsl | | libidn2-0
        libidn2-0<libidn2 | 2.0.5-1+deb10u1 | 2.3.0-5 | LGPL-3.0-or-later OR GPL-2.0-or-later | gnu:libidn2 | | libunistring2
        libunistring2<libunistring | 0.9.10-1 | 0.9.10-4 | LGPL-3.0-or-later OR GPL-2.0-or-later | gnu:libunistring
        libtasn1-6 | 4.13-3 | 4.16.0-2 | LGPL-2.1-or-later | gnu:libtasn1
        libp11-kit0<p11-kit | 0.23.15-2+deb10u1 | 0.23.22-1 | BSD-3-Clause | p11-kit_project:p11-kit | | libffi6,libffi7
        libseccomp2<libseccomp | 2.3.3-4 | 2.5.1-1+deb11u1 | LGPL-2.1-only | libseccomp_project:libseccomp
        libselinux1<libselinux | 2.8-1+b1 | 3.1-3 | ~Public domain | selinuxproject:libselinux | | libpcre3
        libaudit1<audit | 1:2.8.4-3 | 1:3.0-2 | LGPL-2.1-or-later | linux_audit_project:linux_audit | | libcap-ng0
        libcap-ng0<libcap-ng | 0.7.9-2 | 0.7.9-2.2+b1 | LGPL-2.1-or-later | libcap-ng_project:libcap-ng
        libcap2 | 1:2.25-2 | 1:2.44-1 | BSD-3-Clause OR GPL-2.0-only | libcap_project:libcap
        libmosquitto1<mosquitto | 1.5.7-1+deb10u1 | 2.0.11-1 | EPL-1.0 OR BSD-3-Clause | eclipse:mosquitto | | libssl1.1
      `,
    },
  ],
};

const monitorApplication: CatalogSbom = {
  device: 'vitalis-patient-monitor',
  label: 'application',
  subject: { name: 'Vitalis PM-8 applications', type: 'application', description: 'Bedside user interface (Qt/QML) and the vitals gateway service (Python) that forwards HL7 to central stations.' },
  specVersions: ['1.6', '1.6'],
  sections: [
    {
      ecosystem: 'in-house',
      type: 'application',
      supplier: NORTHWIND,
      defaultSupport: [MAINTAINED, MAINTAINED],
      defaultEndOfSupport: ['2024-06-30', '2030-12-31'],
      hashes: true,
      table: `
        vitalis-bedside-ui | 2.2.1 | 2.5.0 | ~Northwind Medical proprietary | | | vitalis-alarm-manager
        vitalis-alarm-manager | 2.2.0 | 2.4.3 | ~Northwind Medical proprietary
        vitalis-hl7-interface | 1.4.0 | 1.6.2 | ~Northwind Medical proprietary
      `,
    },
    {
      ecosystem: 'pypi',
      parent: { name: 'vitals-gateway', type: 'application', versions: ['1.9.0', '2.3.1'], description: 'Python service forwarding vitals as HL7 v2 and MQTT' },
      supplier: 'Python Package Index',
      defaultSupport: [MAINTAINED, MAINTAINED],
      table: `
        flask | 1.1.2 | 2.2.5 | BSD-3-Clause | palletsprojects:flask | | werkzeug,jinja2,itsdangerous,click | Pallets
        werkzeug | 1.0.1 | 2.2.3 | BSD-3-Clause | palletsprojects:werkzeug | | markupsafe | Pallets
        jinja2 | 2.11.2 | 3.1.2 | BSD-3-Clause | palletsprojects:jinja | | markupsafe | Pallets
        markupsafe | 1.1.1 | 2.1.2 | BSD-3-Clause | | | | Pallets
        itsdangerous | 1.1.0 | 2.1.2 | BSD-3-Clause | | | | Pallets
        click | 7.1.2 | 8.1.3 | BSD-3-Clause | | | | Pallets
        pyyaml | 5.3.1 | 6.0 | MIT | pyyaml:pyyaml | | | Kirill Simonov
        requests | 2.25.1 | 2.31.0 | Apache-2.0 | python:requests | | urllib3,certifi,idna,chardet,charset-normalizer | Python Software Foundation
        urllib3 | 1.26.4 | 1.26.18 | MIT | python:urllib3 | | | Andrey Petrov
        certifi | 2020.12.5 | 2023.7.22 | MPL-2.0 | certifi:certifi | | | Kenneth Reitz
        idna | 2.10 | 3.4 | BSD-3-Clause | | | | Kim Davies
        chardet | 4.0.0 | - | LGPL-2.1-or-later | | | | Daniel Blanchard
        charset-normalizer | - | 3.2.0 | MIT | | | | Ahmed Tahri
        paho-mqtt | 1.5.1 | 1.6.1 | EPL-2.0 OR BSD-3-Clause | eclipse:paho_mqtt_python_client | | | Eclipse Foundation
        cryptography | 3.3.1 | 41.0.4 | Apache-2.0 OR BSD-3-Clause | cryptography_project:cryptography | | cffi | Python Cryptographic Authority
        cffi | 1.14.4 | 1.15.1 | MIT | | | pycparser | Armin Rigo
        pycparser | 2.20 | 2.21 | BSD-3-Clause | | | | Eli Bendersky
        pyserial | 3.5 | 3.5 | BSD-3-Clause | | | | Chris Liechti
        hl7apy | 1.3.3 | 1.3.4 | MIT | | | | CRS4
        hl7 | 0.4.2 | 0.4.5 | BSD-3-Clause | | | | John Paulett
        sqlalchemy | 1.3.22 | 2.0.20 | MIT | sqlalchemy:sqlalchemy | | greenlet,typing-extensions | Michael Bayer
        greenlet | - | 2.0.2 | MIT | | | | Alexey Borzenkov
        typing-extensions | 3.7.4.3 | 4.7.1 | PSF-2.0 | | | | Python Software Foundation
        gunicorn | 20.0.4 | 21.2.0 | MIT | gunicorn:gunicorn | | | Benoit Chesneau
        six | 1.15.0 | 1.16.0 | MIT | | | | Benjamin Peterson
        python-dateutil | 2.8.1 | 2.8.2 | Apache-2.0 OR BSD-3-Clause | | | six | Gustavo Niemeyer
        pytz | 2020.5 | 2023.3 | MIT | | | | Stuart Bishop
        protobuf | 3.14.0 | 4.24.3 | BSD-3-Clause | google:protobuf-python | | | Google LLC
        setuptools | 44.0.0 | 68.2.2 | MIT | python:setuptools | | | Python Packaging Authority
        pip | 20.3.4 | 23.2.1 | MIT | pypa:pip | | | Python Packaging Authority
        wheel | 0.36.2 | 0.41.2 | MIT | wheel_project:wheel | | | Python Packaging Authority
        marshmallow | 3.10.0 | 3.20.1 | MIT | | | | Steven Loria
        prometheus-client | 0.9.0 | 0.17.1 | Apache-2.0 | | | | Prometheus authors
      `,
    },
  ],
};

// ------------------------------------------------------------------------------------------
// Lumen IW-5 imaging workstation: RHEL 8 + Java DICOM server, Python analytics, web viewer, .NET

const rhelQualifiers = [
  { arch: 'x86_64', distro: 'rhel-8.3' },
  { arch: 'x86_64', distro: 'rhel-8.8' },
] as const;

const workstationOs: CatalogSbom = {
  device: 'lumen-imaging-workstation',
  label: 'operating-system',
  subject: { name: 'Lumen IW-5 operating system', type: 'operating-system', description: 'Red Hat Enterprise Linux 8 installation of the imaging workstation (8.3, then 8.8).' },
  specVersions: ['1.6', '1.6'],
  sections: [
    {
      ecosystem: 'rpm',
      namespace: 'redhat',
      qualifiers: rhelQualifiers,
      supplier: 'Red Hat, Inc.',
      defaultSupport: [MAINTAINED, MAINTAINED],
      defaultEndOfSupport: ['2029-05-31', '2029-05-31'],
      table: `
        kernel | 4.18.0-240.el8 | 4.18.0-477.10.1.el8_8 | GPL-2.0-only | o:linux:linux_kernel
        linux-firmware | 20200619-99.git3890db36.el8 | 20230404-114.git2e92a49f.el8_8 | ~Redistributable, no modification permitted
        glibc | 2.28-127.el8 | 2.28-225.el8 | LGPL-2.1-or-later | gnu:glibc
        openssl-libs<openssl | 1:1.1.1g-15.el8_3 | 1:1.1.1k-9.el8_7 | OpenSSL | openssl:openssl | | glibc,zlib
        zlib | 1.2.11-16.el8_2 | 1.2.11-21.el8_7 | Zlib | zlib:zlib | | glibc
        bash | 4.4.19-12.el8 | 4.4.20-4.el8_6 | GPL-3.0-or-later | gnu:bash | | glibc
        systemd | 239-41.el8_3 | 239-74.el8_8 | LGPL-2.1-or-later | systemd_project:systemd | | glibc,libcap,libseccomp,libselinux,xz-libs
        sudo | 1.8.29-6.el8 | 1.8.29-9.el8 | ISC | sudo_project:sudo | | pam,audit-libs
        polkit | 0.115-11.el8 | 0.115-15.el8 | LGPL-2.0-or-later | polkit_project:polkit | | glib2,expat,systemd
        curl | 7.61.1-14.el8 | 7.61.1-30.el8_8.3 | curl | haxx:curl | | libcurl
        libcurl<curl | 7.61.1-14.el8 | 7.61.1-30.el8_8.3 | curl | haxx:curl | | openssl-libs,zlib,libnghttp2,libssh,krb5-libs,openldap
        libxml2 | 2.9.7-8.el8 | 2.9.7-16.el8_8.1 | MIT | xmlsoft:libxml2 | | zlib,xz-libs
        sqlite-libs<sqlite | 3.26.0-11.el8 | 3.26.0-18.el8_8 | blessing | sqlite:sqlite
        expat | 2.2.5-4.el8 | 2.2.5-11.el8 | MIT | libexpat_project:libexpat
        openssh<openssh | 8.0p1-5.el8 | 8.0p1-17.el8 | BSD-2-Clause | openbsd:openssh | | openssl-libs
        openssh-server<openssh | 8.0p1-5.el8 | 8.0p1-17.el8 | BSD-2-Clause | openbsd:openssh | | openssh,pam,audit-libs
        openssh-clients<openssh | 8.0p1-5.el8 | 8.0p1-17.el8 | BSD-2-Clause | openbsd:openssh | | openssh
        krb5-libs<krb5 | 1.18.2-5.el8 | 1.18.2-25.el8_8 | MIT | mit:kerberos_5 | | openssl-libs
        nss | 3.53.1-11.el8_2 | 3.90.0-3.el8_8 | MPL-2.0 | mozilla:nss
        gnutls | 3.6.14-6.el8 | 3.6.16-6.el8_7 | LGPL-2.1-or-later | gnu:gnutls
        libgcrypt | 1.8.5-4.el8 | 1.8.5-7.el8_6 | LGPL-2.1-or-later | gnupg:libgcrypt
        python3-libs<python3 | 3.6.8-31.el8 | 3.6.8-51.el8_8.1 | PSF-2.0 | python:python | | openssl-libs,sqlite-libs,expat,zlib
        platform-python<python3 | 3.6.8-31.el8 | 3.6.8-51.el8_8.1 | PSF-2.0 | python:python | | python3-libs
        java-11-openjdk-headless<java-11-openjdk | 1:11.0.9.11-2.el8_3 | 1:11.0.20.0.8-3.el8 | GPL-2.0-only WITH Classpath-exception-2.0 | oracle:openjdk | | nss,zlib,freetype
        dbus | 1:1.12.8-11.el8 | 1:1.12.8-24.el8 | AFL-2.1 OR GPL-2.0-or-later | freedesktop:dbus | | expat,systemd
        libpng | 2:1.6.34-5.el8 | 2:1.6.34-5.el8 | libpng-2.0 | libpng:libpng | | zlib
        libjpeg-turbo | 1.5.3-10.el8 | 1.5.3-12.el8 | IJG AND BSD-3-Clause AND Zlib | libjpeg-turbo:libjpeg-turbo
        freetype | 2.9.1-4.el8_3.1 | 2.9.1-9.el8 | FTL OR GPL-2.0-or-later | freetype:freetype | | libpng,zlib
        fontconfig | 2.13.1-3.el8 | 2.13.1-4.el8 | MIT | fontconfig_project:fontconfig | | freetype,expat
        libtiff | 4.0.9-18.el8 | 4.0.9-27.el8 | libtiff | libtiff:libtiff | | libjpeg-turbo,zlib
        libwebp | 1.0.0-1.el8 | 1.0.0-8.el8_8.1 | BSD-3-Clause | webmproject:libwebp
        cups-libs<cups | 1:2.2.6-38.el8 | 1:2.2.6-51.el8_8.1 | Apache-2.0 | apple:cups | | gnutls,krb5-libs
        samba-client-libs<samba | 4.12.3-12.el8.3 | 4.17.5-2.el8 | GPL-3.0-or-later | samba:samba | | gnutls,krb5-libs,openldap
        nfs-utils | 1:2.3.3-35.el8 | 1:2.3.3-59.el8 | GPL-2.0-or-later | linux-nfs:nfs-utils
        rpm | 4.14.3-4.el8 | 4.14.3-26.el8 | GPL-2.0-or-later | rpm:rpm | | sqlite-libs,openssl-libs,zlib,xz-libs,bzip2-libs,libzstd
        dnf | 4.2.23-4.el8 | 4.7.0-16.el8_8 | GPL-2.0-or-later | | | rpm,platform-python
        grub2-efi-x64<grub2 | 1:2.02-90.el8 | 1:2.02-148.el8_8.1 | GPL-3.0-or-later | gnu:grub2
        shim-x64<shim | 15-16.el8 | 15.6-1.el8 | BSD-3-Clause | redhat:shim
        openldap | 2.4.46-15.el8 | 2.4.46-18.el8 | OLDAP-2.8 | openldap:openldap | | openssl-libs,cyrus-sasl-lib
        cyrus-sasl-lib<cyrus-sasl | 2.1.27-5.el8 | 2.1.27-6.el8_5 | BSD-3-Clause-Attribution | cyrusimap:cyrus-sasl
        pam | 1.3.1-11.el8 | 1.3.1-25.el8 | BSD-3-Clause OR GPL-2.0-or-later | linux-pam:linux-pam | | audit-libs,libselinux
        shadow-utils | 2:4.6-11.el8 | 2:4.6-17.el8 | BSD-3-Clause | shadow_project:shadow | | pam,libselinux
        util-linux | 2.32.1-24.el8 | 2.32.1-42.el8_8 | GPL-2.0-or-later | kernel:util-linux | | pam,libselinux
        e2fsprogs | 1.45.6-1.el8 | 1.45.6-5.el8 | GPL-2.0-only | e2fsprogs_project:e2fsprogs | | util-linux
        xz-libs<xz | 5.2.4-3.el8 | 5.2.4-4.el8_6 | ~Public domain | tukaani:xz
        bzip2-libs<bzip2 | 1.0.6-26.el8 | 1.0.6-26.el8 | bzip2-1.0.6 | bzip:bzip2
        lz4-libs<lz4 | 1.8.3-2.el8 | 1.8.3-3.el8_4 | BSD-2-Clause | lz4_project:lz4
        libzstd<zstd | 1.4.4-1.el8 | 1.4.4-1.el8 | BSD-3-Clause OR GPL-2.0-only | facebook:zstandard
        pcre | 8.42-4.el8 | 8.42-6.el8 | BSD-3-Clause | pcre:pcre
        pcre2 | 10.32-2.el8 | 10.32-3.el8_6 | BSD-3-Clause | pcre:pcre2
        glib2 | 2.56.4-8.el8 | 2.56.4-161.el8 | LGPL-2.1-or-later | gnome:glib | | pcre,libselinux,util-linux,zlib
        libssh | 0.9.4-2.el8 | 0.9.6-10.el8_8 | LGPL-2.1-or-later | libssh:libssh | | openssl-libs,zlib,krb5-libs
        libnghttp2<nghttp2 | 1.33.0-3.el8_2.1 | 1.33.0-3.el8_2.1 | MIT | nghttp2:nghttp2
        ca-certificates | 2020.2.41-80.0.el8_2 | 2023.2.60_v7.0.306-80.0.el8_8 | MIT AND GPL-2.0-or-later
        tzdata | 2021a-1.el8 | 2023c-1.el8 | ~Public domain
        firewalld | 0.8.2-2.el8 | 0.9.3-13.el8 | GPL-2.0-or-later | firewalld:firewalld | | platform-python,dbus
        NetworkManager | 1:1.26.0-12.el8_3 | 1:1.40.16-3.el8_8 | GPL-2.0-or-later | gnome:networkmanager | | glib2,dbus,systemd,libcurl
        chrony | 3.5-1.el8 | 4.2-1.el8 | GPL-2.0-only | tuxfamily:chrony | | libcap,libseccomp
        rsyslog | 8.1911.0-6.el8 | 8.2102.0-13.el8 | GPL-3.0-or-later AND Apache-2.0 | rsyslog:rsyslog | | systemd,zlib
        audit-libs<audit | 3.0-0.17.20191104git1c2f876.el8 | 3.0.7-4.el8 | LGPL-2.1-or-later | linux_audit_project:linux_audit | | libcap-ng
        libcap-ng | 0.7.9-5.el8 | 0.7.11-1.el8 | LGPL-2.1-or-later | libcap-ng_project:libcap-ng
        selinux-policy | 3.14.3-54.el8 | 3.14.3-117.el8_8.2 | GPL-2.0-or-later
        libselinux | 2.9-4.el8_3 | 2.9-8.el8 | ~Public domain | selinuxproject:libselinux | | pcre2
        libcap | 2.26-4.el8 | 2.48-4.el8 | BSD-3-Clause OR GPL-2.0-only | libcap_project:libcap
        libseccomp | 2.4.3-1.el8 | 2.5.2-1.el8 | LGPL-2.1-only | libseccomp_project:libseccomp
        tar | 2:1.30-5.el8 | 2:1.30-9.el8 | GPL-3.0-or-later | gnu:tar
        gzip | 1.9-9.el8 | 1.9-13.el8_5 | GPL-3.0-or-later | gnu:gzip
        vim-minimal<vim | 2:8.0.1763-15.el8 | 2:8.0.1763-19.el8_6.4 | Vim | vim:vim
        perl-libs<perl | 4:5.26.3-416.el8 | 4:5.26.3-422.el8 | Artistic-1.0-Perl OR GPL-1.0-or-later | perl:perl
        libstdc++<gcc | 8.3.1-5.1.el8 | 8.5.0-18.el8 | GPL-3.0-only WITH GCC-exception-3.1 | gnu:gcc
        libgcc<gcc | 8.3.1-5.1.el8 | 8.5.0-18.el8 | GPL-3.0-only WITH GCC-exception-3.1 | gnu:gcc
        mesa-libGL<mesa | 20.1.4-1.el8 | 22.3.0-2.el8 | MIT | mesa3d:mesa | | libX11
        libX11 | 1.6.8-3.el8 | 1.6.8-5.el8 | MIT | x.org:libx11
        xorg-x11-server-Xorg | 1.20.8-6.el8 | 1.20.11-15.el8 | MIT | x.org:xorg-server | | mesa-libGL,libX11,systemd,pixman
        gtk3 | 3.22.30-6.el8 | 3.22.30-11.el8 | LGPL-2.0-or-later | gnome:gtk | | glib2,cairo,libX11,fontconfig,libjpeg-turbo,libpng,cups-libs
        cairo | 1.15.12-3.el8 | 1.15.12-6.el8 | LGPL-2.1-only OR MPL-1.1 | cairographics:cairo | | pixman,freetype,fontconfig,libpng
        pixman | 0.38.4-1.el8 | 0.38.4-2.el8 | MIT | pixman:pixman
        postgresql-server<postgresql | 10.15-1.module+el8.3.0+8944+1ca16b1f | 13.11-1.module+el8.8.0+18967+d8ab7ee4 | PostgreSQL | postgresql:postgresql | | openssl-libs,krb5-libs,pam,libxml2,systemd
      `,
    },
  ],
};

const workstationApplication: CatalogSbom = {
  device: 'lumen-imaging-workstation',
  label: 'application',
  subject: { name: 'Lumen IW-5 imaging suite', type: 'application', description: 'DICOM server and viewer backend (Java), quantitative analytics (Python), web viewer (JavaScript) and report exporter (.NET).' },
  specVersions: ['1.6', '1.6'],
  sections: [
    {
      ecosystem: 'maven',
      parent: { name: 'lumen-dicom-server', type: 'application', versions: ['5.0.3', '5.2.0'], description: 'DICOM storage/query/retrieve and viewer backend (Spring Boot)' },
      supplier: 'Maven Central',
      defaultSupport: [MAINTAINED, MAINTAINED],
      table: `
        org.dcm4che:dcm4che-core | 5.22.6 | 5.30.0 | MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-only | dcm4che:dcm4che | | org.slf4j:slf4j-api | dcm4che.org
        org.dcm4che:dcm4che-net | 5.22.6 | 5.30.0 | MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-only | dcm4che:dcm4che | | org.dcm4che:dcm4che-core | dcm4che.org
        org.dcm4che:dcm4che-imageio | 5.22.6 | 5.30.0 | MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-only | dcm4che:dcm4che | | org.dcm4che:dcm4che-core | dcm4che.org
        org.dcm4che:dcm4che-json | 5.22.6 | 5.30.0 | MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-only | dcm4che:dcm4che | | org.dcm4che:dcm4che-core | dcm4che.org
        org.apache.logging.log4j:log4j-core | 2.14.1 | 2.20.0 | Apache-2.0 | apache:log4j | | org.apache.logging.log4j:log4j-api | The Apache Software Foundation
        org.apache.logging.log4j:log4j-api | 2.14.1 | 2.20.0 | Apache-2.0 | apache:log4j | | | The Apache Software Foundation
        org.apache.logging.log4j:log4j-slf4j-impl | 2.14.1 | 2.20.0 | Apache-2.0 | apache:log4j | | org.apache.logging.log4j:log4j-core,org.slf4j:slf4j-api | The Apache Software Foundation
        org.slf4j:slf4j-api | 1.7.30 | 1.7.36 | MIT | | | | QOS.ch
        com.fasterxml.jackson.core:jackson-databind | 2.9.10.4 | 2.15.2 | Apache-2.0 | fasterxml:jackson-databind | no longer maintained | com.fasterxml.jackson.core:jackson-core,com.fasterxml.jackson.core:jackson-annotations | FasterXML
        com.fasterxml.jackson.core:jackson-core | 2.9.10 | 2.15.2 | Apache-2.0 | fasterxml:jackson-core | no longer maintained | | FasterXML
        com.fasterxml.jackson.core:jackson-annotations | 2.9.10 | 2.15.2 | Apache-2.0 | | | | FasterXML
        org.springframework:spring-core | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | org.springframework:spring-jcl | VMware, Inc.
        org.springframework:spring-jcl | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | | VMware, Inc.
        org.springframework:spring-beans | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | org.springframework:spring-core | VMware, Inc.
        org.springframework:spring-context | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | org.springframework:spring-beans,org.springframework:spring-aop,org.springframework:spring-expression | VMware, Inc.
        org.springframework:spring-aop | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | org.springframework:spring-beans | VMware, Inc.
        org.springframework:spring-expression | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | org.springframework:spring-core | VMware, Inc.
        org.springframework:spring-web | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | org.springframework:spring-beans | VMware, Inc.
        org.springframework:spring-webmvc | 5.2.9.RELEASE | 5.3.29 | Apache-2.0 | vmware:spring_framework | | org.springframework:spring-web,org.springframework:spring-context | VMware, Inc.
        org.springframework.boot:spring-boot | 2.3.4.RELEASE | 2.7.15 | Apache-2.0 | vmware:spring_boot | | org.springframework:spring-context | VMware, Inc.
        org.springframework.boot:spring-boot-autoconfigure | 2.3.4.RELEASE | 2.7.15 | Apache-2.0 | vmware:spring_boot | | org.springframework.boot:spring-boot | VMware, Inc.
        org.apache.tomcat.embed:tomcat-embed-core | 9.0.38 | 9.0.80 | Apache-2.0 | apache:tomcat | | | The Apache Software Foundation
        io.netty:netty-common | 4.1.48.Final | 4.1.97.Final | Apache-2.0 | netty:netty | | | The Netty Project
        io.netty:netty-buffer | 4.1.48.Final | 4.1.97.Final | Apache-2.0 | netty:netty | | io.netty:netty-common | The Netty Project
        io.netty:netty-transport | 4.1.48.Final | 4.1.97.Final | Apache-2.0 | netty:netty | | io.netty:netty-buffer | The Netty Project
        io.netty:netty-codec | 4.1.48.Final | 4.1.97.Final | Apache-2.0 | netty:netty | | io.netty:netty-transport | The Netty Project
        io.netty:netty-handler | 4.1.48.Final | 4.1.97.Final | Apache-2.0 | netty:netty | | io.netty:netty-codec | The Netty Project
        io.netty:netty-codec-http | 4.1.48.Final | 4.1.97.Final | Apache-2.0 | netty:netty | | io.netty:netty-handler | The Netty Project
        org.apache.commons:commons-text | 1.9 | 1.10.0 | Apache-2.0 | apache:commons_text | | org.apache.commons:commons-lang3 | The Apache Software Foundation
        org.apache.commons:commons-lang3 | 3.11 | 3.13.0 | Apache-2.0 | | | | The Apache Software Foundation
        commons-collections:commons-collections | 3.2.1 | - | Apache-2.0 | apache:commons_collections | no longer maintained | | The Apache Software Foundation
        org.apache.commons:commons-collections4 | - | 4.4 | Apache-2.0 | apache:commons_collections | | | The Apache Software Foundation
        commons-io:commons-io | 2.6 | 2.13.0 | Apache-2.0 | apache:commons_io | | | The Apache Software Foundation
        commons-codec:commons-codec | 1.14 | 1.16.0 | Apache-2.0 | | | | The Apache Software Foundation
        com.google.guava:guava | 29.0-jre | 32.1.2-jre | Apache-2.0 | google:guava | | | Google LLC
        org.yaml:snakeyaml | 1.26 | 2.0 | Apache-2.0 | snakeyaml_project:snakeyaml | | | SnakeYAML
        com.h2database:h2 | 1.4.200 | 2.2.220 | MPL-2.0 OR EPL-1.0 | h2database:h2 | no longer maintained | | H2 Group
        org.hibernate:hibernate-core | 5.4.21.Final | 5.6.15.Final | LGPL-2.1-only | hibernate:hibernate_orm | | | Red Hat, Inc.
        org.bouncycastle:bcprov-jdk15on | 1.66 | - | MIT | bouncycastle:legion-of-the-bouncy-castle-java-crytography-api | no longer maintained | | Legion of the Bouncy Castle
        org.bouncycastle:bcprov-jdk18on | - | 1.76 | MIT | bouncycastle:legion-of-the-bouncy-castle-java-crytography-api | | | Legion of the Bouncy Castle
        com.thoughtworks.xstream:xstream | 1.4.11.1 | 1.4.20 | BSD-3-Clause | xstream_project:xstream | | | XStream Committers
        org.apache.httpcomponents:httpclient | 4.5.12 | 4.5.14 | Apache-2.0 | apache:httpclient | | commons-codec:commons-codec | The Apache Software Foundation
        org.postgresql:postgresql | 42.2.16 | 42.6.0 | BSD-2-Clause | postgresql:postgresql_jdbc_driver | | | PostgreSQL Global Development Group
        com.zaxxer:HikariCP | 3.4.5 | 4.0.3 | Apache-2.0 | | | org.slf4j:slf4j-api | Brett Wooldridge
        com.auth0:java-jwt | 3.10.3 | 4.4.0 | MIT | | | com.fasterxml.jackson.core:jackson-databind | Auth0, Inc.
        org.apache.pdfbox:pdfbox | 2.0.21 | 2.0.29 | Apache-2.0 | apache:pdfbox | | | The Apache Software Foundation
      `,
    },
    {
      ecosystem: 'pypi',
      parent: { name: 'lumen-quant-analytics', type: 'application', versions: ['3.2.0', '3.5.1'], description: 'Quantitative image analytics (Python 3.9 runtime bundled)' },
      supplier: 'Python Package Index',
      defaultSupport: [MAINTAINED, MAINTAINED],
      table: `
        numpy | 1.19.5 | 1.24.4 | BSD-3-Clause | numpy:numpy | | | NumPy Developers
        pillow | 8.1.0 | 10.0.1 | HPND | python:pillow | | | Jeffrey A. Clark
        requests | 2.25.1 | 2.31.0 | Apache-2.0 | python:requests | | urllib3,certifi,idna,chardet,charset-normalizer | Python Software Foundation
        urllib3 | 1.26.4 | 2.0.7 | MIT | python:urllib3 | | | Andrey Petrov
        jinja2 | 2.11.2 | 3.1.2 | BSD-3-Clause | palletsprojects:jinja | | markupsafe | Pallets
        markupsafe | 1.1.1 | 2.1.3 | BSD-3-Clause | | | | Pallets
        pydicom | 2.1.2 | 2.4.3 | MIT | pydicom:pydicom | | numpy | pydicom contributors
        scipy | 1.6.0 | 1.10.1 | BSD-3-Clause | scipy:scipy | | numpy | SciPy Developers
        scikit-image | 0.18.1 | 0.21.0 | BSD-3-Clause | | | numpy,scipy,pillow,imageio,tifffile,networkx,pywavelets | scikit-image team
        pandas | 1.2.1 | 2.0.3 | BSD-3-Clause | | | numpy,python-dateutil,pytz | pandas Development Team
        matplotlib | 3.3.4 | 3.7.3 | PSF-2.0 | matplotlib:matplotlib | | numpy,pillow,kiwisolver,cycler,pyparsing,python-dateutil | Matplotlib Development Team
        lxml | 4.6.2 | 4.9.3 | BSD-3-Clause | lxml:lxml | | | lxml dev team
        pyyaml | 5.3.1 | 6.0.1 | MIT | pyyaml:pyyaml | | | Kirill Simonov
        certifi | 2020.12.5 | 2023.7.22 | MPL-2.0 | certifi:certifi | | | Kenneth Reitz
        idna | 2.10 | 3.4 | BSD-3-Clause | | | | Kim Davies
        chardet | 4.0.0 | - | LGPL-2.1-or-later | | | | Daniel Blanchard
        charset-normalizer | - | 3.3.0 | MIT | | | | Ahmed Tahri
        six | 1.15.0 | 1.16.0 | MIT | | | | Benjamin Peterson
        python-dateutil | 2.8.1 | 2.8.2 | Apache-2.0 OR BSD-3-Clause | | | six | Gustavo Niemeyer
        pytz | 2021.1 | 2023.3.post1 | MIT | | | | Stuart Bishop
        imageio | 2.9.0 | 2.31.5 | BSD-2-Clause | | | numpy,pillow | imageio contributors
        networkx | 2.5 | 3.1 | BSD-3-Clause | | | | NetworkX Developers
        tifffile | 2021.1.14 | 2023.7.10 | BSD-3-Clause | | | numpy | Christoph Gohlke
        pywavelets | 1.1.1 | 1.4.1 | MIT | | | numpy | PyWavelets Developers
        kiwisolver | 1.3.1 | 1.4.5 | BSD-3-Clause | | | | Nucleic team
        cycler | 0.10.0 | 0.12.1 | BSD-3-Clause | | | | Matplotlib Development Team
        pyparsing | 2.4.7 | 3.1.1 | MIT | | | | Paul McGuire
        joblib | 1.0.0 | 1.3.2 | BSD-3-Clause | joblib_project:joblib | | | joblib developers
        scikit-learn | 0.24.1 | 1.3.1 | BSD-3-Clause | scikit-learn:scikit-learn | | numpy,scipy,joblib,threadpoolctl | scikit-learn developers
        threadpoolctl | 2.1.0 | 3.2.0 | BSD-3-Clause | | | | threadpoolctl developers
      `,
    },
    {
      ecosystem: 'npm',
      parent: { name: 'lumen-web-viewer', type: 'application', versions: ['5.0.3', '5.2.0'], description: 'Browser-based DICOM viewer and its Node.js proxy' },
      supplier: 'npm registry',
      defaultSupport: [MAINTAINED, MAINTAINED],
      table: `
        lodash | 4.17.15 | 4.17.21 | MIT | lodash:lodash | | | OpenJS Foundation
        axios | 0.21.0 | 1.5.1 | MIT | axios:axios | | follow-redirects | axios project
        follow-redirects | 1.13.0 | 1.15.3 | MIT | follow-redirects_project:follow-redirects | | | Ruben Verborgh
        minimist | 1.2.5 | 1.2.8 | MIT | minimist_project:minimist | | | James Halliday
        moment | 2.29.1 | 2.29.4 | MIT | momentjs:moment | no longer maintained | | Moment.js contributors
        react | 16.14.0 | 18.2.0 | MIT | | | loose-envify,object-assign,prop-types | Meta Platforms, Inc.
        react-dom | 16.14.0 | 18.2.0 | MIT | | | react,scheduler,loose-envify | Meta Platforms, Inc.
        scheduler | 0.19.1 | 0.23.0 | MIT | | | loose-envify | Meta Platforms, Inc.
        loose-envify | 1.4.0 | 1.4.0 | MIT | | | js-tokens | Andres Suarez
        js-tokens | 4.0.0 | 4.0.0 | MIT | | | | Simon Lydell
        object-assign | 4.1.1 | - | MIT | | | | Sindre Sorhus
        prop-types | 15.7.2 | 15.8.1 | MIT | | | loose-envify | Meta Platforms, Inc.
        express | 4.17.1 | 4.18.2 | MIT | expressjs:express | | body-parser,cookie,qs | OpenJS Foundation
        body-parser | 1.19.0 | 1.20.1 | MIT | | | qs | OpenJS Foundation
        qs | 6.7.0 | 6.11.0 | BSD-3-Clause | qs_project:qs | | | Jordan Harband
        cookie | 0.4.0 | 0.5.0 | MIT | | | | Roman Shtylman
        jquery | 3.4.1 | 3.7.1 | MIT | jquery:jquery | | | OpenJS Foundation
        handlebars | 4.7.6 | 4.7.8 | MIT | handlebarsjs:handlebars | | minimist | Yehuda Katz
        ws | 7.4.2 | 8.14.2 | MIT | ws_project:ws | | | Einar Otto Stangvik
        node-forge | 0.10.0 | 1.3.1 | BSD-3-Clause OR GPL-2.0-only | digitalbazaar:forge | | | Digital Bazaar, Inc.
        cornerstone-core | 2.3.0 | 2.6.1 | MIT | | no longer maintained | | Cornerstone.js contributors
        dicom-parser | 1.8.7 | 1.8.21 | MIT | | | | Cornerstone.js contributors
        hammerjs | 2.0.8 | 2.0.8 | MIT | | abandoned | | Jorik Tangelder
        jsonwebtoken | 8.5.1 | 9.0.2 | MIT | auth0:jsonwebtoken | | semver | Auth0, Inc.
        semver | 5.7.1 | 7.5.4 | ISC | npmjs:semver | | | npm, Inc.
      `,
    },
    {
      ecosystem: 'nuget',
      parent: { name: 'lumen-report-exporter', type: 'application', versions: ['2.4.0', '2.7.0'], description: 'Structured report and PDF/DOCX export service (.NET)' },
      supplier: 'NuGet Gallery',
      defaultSupport: [MAINTAINED, MAINTAINED],
      table: `
        Newtonsoft.Json | 12.0.2 | 13.0.3 | MIT | newtonsoft:json.net | | | James Newton-King
        fo-dicom | 4.0.7 | 5.1.1 | MS-PL | | | Newtonsoft.Json | fo-dicom contributors
        System.Text.Encodings.Web | 4.5.0 | 7.0.0 | MIT | microsoft:system.text.encodings.web | | | Microsoft Corporation
        System.Drawing.Common | 4.7.0 | 7.0.0 | MIT | | | | Microsoft Corporation
        Microsoft.Data.SqlClient | 2.0.1 | 5.1.1 | MIT | microsoft:sqlclient | | | Microsoft Corporation
        DocumentFormat.OpenXml | 2.11.3 | 2.20.0 | MIT | | | | Microsoft Corporation
        NLog | 4.7.6 | 5.2.4 | BSD-3-Clause | nlog-project:nlog | | | NLog project
      `,
    },
  ],
};

export const demoCatalog: readonly CatalogSbom[] = [pumpFirmware, pumpApplication, monitorFirmware, monitorOs, monitorApplication, workstationOs, workstationApplication];
