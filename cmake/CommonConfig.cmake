# Settings every Fumibako target shares, carried by one INTERFACE target
# (qBittorrent's CommonConfig habit): link fumibako_common and you get them.
set(CMAKE_AUTOMOC ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

add_library(fumibako_common INTERFACE)
target_compile_features(fumibako_common INTERFACE cxx_std_20)
target_compile_definitions(fumibako_common INTERFACE
    QT_NO_KEYWORDS                      # GLib (GMime) names a struct field `signals`
    QT_NO_CAST_FROM_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    FUMIBAKO_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(fumibako_common INTERFACE -Wall -Wextra -Wpedantic)
elseif(MSVC)
    target_compile_options(fumibako_common INTERFACE /W4 /utf-8)
endif()
