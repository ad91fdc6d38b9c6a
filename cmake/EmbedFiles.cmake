# Generates a C++ source that holds the given files as string_views, looked up by name.
# Keeps the core free of Qt's resource system, so the CLI needs nothing but the standard library.
#   embed_files(OUTPUT <cpp> FUNCTION <qualified name> FILES <abs paths...>)
# The generated function: std::string_view NAME(std::string_view fileName); empty when unknown.
function(embed_files)
    cmake_parse_arguments(E "" "OUTPUT;FUNCTION" "FILES" ${ARGN})
    set(script ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake)
    add_custom_command(
        OUTPUT ${E_OUTPUT}
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DFUNCTION=${E_FUNCTION} "-DFILES=${E_FILES}"
                -P ${script}
        DEPENDS ${E_FILES} ${script}
        COMMENT "Embedding ${E_FUNCTION}"
        VERBATIM)
endfunction()
