#include "app/Commands.h"

int main(int argc, char** argv) { return ml::app::runMain(argc, argv); }
