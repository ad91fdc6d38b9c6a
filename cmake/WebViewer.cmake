# The web page's viewer (app/web): bundled with esbuild into one HTML template at build time, then
# embedded in the core (core/web/WebPage.cpp puts a run into it at export).
#   COROSCOPE_WEB_VIEWER=AUTO (default): bundled when Node.js and app/web/node_modules are there (run.sh
#     installs nodejs and npm and runs `npm ci` in app/web); otherwise the build goes on without it and
#     export-html says why it cannot write a page.
#   ON: the same, but a missing Node.js or npm ci is an error.   OFF: never bundled.
# Defines coroscope_web_viewer_sources(<var>): the generated C++ source to add to the core.
set(COROSCOPE_WEB_VIEWER AUTO CACHE STRING "Bundle the web page's viewer with Node.js: AUTO, ON or OFF")
set_property(CACHE COROSCOPE_WEB_VIEWER PROPERTY STRINGS AUTO ON OFF)

set(WEB_DIR ${PROJECT_SOURCE_DIR}/app/web)
set(WEB_VIEWER_HTML ${PROJECT_BINARY_DIR}/web/viewer.html)

function(coroscope_web_viewer_sources out)
    set(can_bundle FALSE)
    if(NOT COROSCOPE_WEB_VIEWER STREQUAL "OFF")
        find_program(NODE_EXECUTABLE NAMES node nodejs)
        # A glob, re-checked at every build: `npm ci` after the configure makes CMake run again.
        file(GLOB esbuild_package CONFIGURE_DEPENDS ${WEB_DIR}/node_modules/esbuild/package.json)
        if(NODE_EXECUTABLE AND esbuild_package)
            set(can_bundle TRUE)
        elseif(COROSCOPE_WEB_VIEWER STREQUAL "ON")
            message(FATAL_ERROR "COROSCOPE_WEB_VIEWER=ON needs Node.js and `npm ci` in app/web (./run.sh build does both)")
        else()
            message(STATUS "Web viewer not bundled (no Node.js, or no `npm ci` in app/web): export-html will refuse")
        endif()
    endif()
    if(can_bundle)
        file(GLOB_RECURSE web_sources CONFIGURE_DEPENDS ${WEB_DIR}/src/*)
        add_custom_command(
            OUTPUT ${WEB_VIEWER_HTML}
            COMMAND ${NODE_EXECUTABLE} ${WEB_DIR}/build.mjs --out ${WEB_VIEWER_HTML}
            DEPENDS ${web_sources} ${WEB_DIR}/build.mjs ${WEB_DIR}/package-lock.json
            WORKING_DIRECTORY ${WEB_DIR}
            COMMENT "Bundling the web viewer (app/web) with esbuild"
            VERBATIM)
    else()
        # An empty template: webViewerAvailable() is false.
        file(WRITE ${WEB_VIEWER_HTML} "")
    endif()
    embed_files(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/EmbeddedWebViewer.cpp
                FUNCTION coroscope::embeddedWebViewer FILES ${WEB_VIEWER_HTML})
    set(${out} ${CMAKE_CURRENT_BINARY_DIR}/EmbeddedWebViewer.cpp PARENT_SCOPE)
    set(COROSCOPE_WEB_VIEWER_BUNDLED ${can_bundle} PARENT_SCOPE)
endfunction()
