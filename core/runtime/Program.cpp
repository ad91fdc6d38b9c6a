#include "Program.h"

#include "Exceptions.h"

namespace coroscope {

RunResult runProgram(const std::function<void()> &module, RunOptions options,
                     std::vector<std::pair<std::string, std::string>> metadata)
{
    RunResult result;
    Runtime rt(std::move(options));
    auto &rec = rt.recorder();
    rec.trace().metadata = std::move(metadata);
    const auto lane = rt.moduleLane();
    auto fault = [&](const std::string &message, bool laneError) {
        rec.allowFinalEvents();
        const auto cause = laneError ? rec.record(EventKind::Error, lane, NoEvent, message) : NoEvent;
        rec.record(EventKind::Fault, lane, cause, message);
        result.error = message;
    };
    try {
        module();
        rec.record(EventKind::Done, lane, NoEvent, "None");
    } catch (const PyException &e) {
        fault(e.describe(), true); // Python: "Traceback (most recent call last): ... ValueError: bad job"
    } catch (const RunAborted &e) {
        fault(e.what(), false);
    } catch (const std::exception &e) {
        fault(std::string("C++ exception: ") + e.what(), true);
    }
    result.output = rt.output();
    result.errorOutput = rt.errorOutput();
    if (!result.error.empty())
        result.errorOutput.push_back(result.error);
    for (const auto &report : result.errorOutput)
        rec.trace().metadata.emplace_back(kStderrKey, report);
    result.trace = rec.takeTrace();
    return result;
}

} // namespace coroscope
